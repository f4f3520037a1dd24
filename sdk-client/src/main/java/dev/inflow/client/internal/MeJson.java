package dev.inflow.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inflow.client.Me;
import java.util.Optional;

/** Reads {@code GET /api/v1/me}. */
public final class MeJson {
  private MeJson() {}

  /** Reads a {@link Me}. */
  public static Me me(JsonNode node) {
    Json.object(node, "the answer");
    JsonNode user = node.get("user");
    Optional<Me.User> signedIn = user == null || user.isNull()
        ? Optional.empty()
        : Optional.of(user(Json.object(user, "'user'")));
    return new Me(Json.bool(node, "signedIn"), Json.text(node, "tenant"), signedIn, Json.optionalText(node, "csrfToken"),
        Json.intOr(node, "maxBodyChars", 0), Json.texts(node, "reactions"));
  }

  private static Me.User user(JsonNode node) {
    try {
      return new Me.User(Json.text(node, "id"), Json.text(node, "name"), Json.optionalText(node, "avatarUrl"), Json.texts(node, "roles"));
    } catch (Json.Malformed e) {
      throw new Json.Malformed("user: " + e.getMessage(), e.getCause());
    }
  }
}
