package dev.inflow.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who the server takes the caller to be, from {@code GET /api/v1/me}: a quick way to check that
 * tokens are signed right.
 *
 * @param signedIn whether a user is signed in (false for calls without a token)
 * @param tenant the tenant the call counts for
 * @param user the signed-in user; empty when anonymous
 * @param csrfToken the token browser pages send with cookie-authenticated writes; empty when
 *     anonymous (calls with bearer tokens do not need it)
 * @param maxBodyChars the longest comment body the server accepts
 * @param reactions the emoji the server accepts for reactions, in display order; unmodifiable
 */
public record Me(boolean signedIn, String tenant, Optional<User> user, Optional<String> csrfToken, int maxBodyChars, List<String> reactions) {
  /** @throws NullPointerException when a component is null */
  public Me {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(csrfToken, "csrfToken");
    reactions = List.copyOf(reactions);
  }

  /**
   * The signed-in user.
   *
   * @param id user id
   * @param name display name
   * @param avatarUrl picture URL, if known
   * @param roles role names, always including {@code member}; unmodifiable
   */
  public record User(String id, String name, Optional<String> avatarUrl, List<String> roles) {
    /** @throws NullPointerException when a component is null */
    public User {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(avatarUrl, "avatarUrl");
      roles = List.copyOf(roles);
    }
  }
}
