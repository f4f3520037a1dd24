package dev.inflow.servlet.internal.platform;

import dev.inflow.core.Caller;
import dev.inflow.core.Inflow;
import dev.inflow.core.Role;
import dev.inflow.core.comment.Reaction;
import dev.inflow.servlet.internal.auth.Authenticator;
import dev.inflow.servlet.internal.http.Exchange;
import dev.inflow.servlet.internal.http.Problems;
import dev.inflow.servlet.internal.http.Reply;
import dev.inflow.servlet.internal.http.Route.Access;
import dev.inflow.servlet.internal.http.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Health, metrics, the OpenAPI document and {@code /api/v1/me}. */
public final class PlatformRoutes {
  static final String OPENAPI_RESOURCE = "/dev/inflow/servlet/openapi.json";
  private final Inflow inflow;
  private final Authenticator authenticator;
  private final byte[] openApi;

  private PlatformRoutes(Inflow inflow, Authenticator authenticator) {
    this.inflow = inflow;
    this.authenticator = authenticator;
    try (InputStream in = PlatformRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the OpenAPI document " + OPENAPI_RESOURCE + " is missing from the jar");
      }
      this.openApi = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void register(Router router, Inflow inflow, Authenticator authenticator) {
    PlatformRoutes r = new PlatformRoutes(inflow, authenticator);
    router.add("GET", "/health", Access.PUBLIC, r::health)
        .add("GET", "/metrics", Access.PUBLIC, r::metrics)
        .add("GET", "/api/openapi.json", Access.PUBLIC, ex -> Reply.bytes(200, "application/json", r.openApi))
        .add("GET", "/api/v1/me", Access.READ, r::me);
  }

  /**
   * 200 {@code up}; 200 {@code degraded} while writes are refused because the database has no space
   * left (still 200: on PostgreSQL reads are served meanwhile, and a load balancer that took every
   * node out would stop them too); 503 while the database does not answer.
   */
  private Reply health(Exchange ex) {
    if (inflow.isHealthy()) {
      Optional<Instant> refusedSince = inflow.platform().db().writesRefusedSince();
      if (refusedSince.isPresent()) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "degraded");
        body.put("detail", "the database has no space left: writes are refused since " + refusedSince.get());
        body.put("writesRefusedSince", refusedSince.get().toString());
        return Reply.ok(body).header("Cache-Control", "no-store");
      }
      return Reply.ok(Map.of("status", "up")).header("Cache-Control", "no-store");
    }
    return Problems.problem(503, "unavailable", "Database unreachable", "the database does not answer", List.of())
        .header("Cache-Control", "no-store").header("Retry-After", "5");
  }

  private Reply metrics(Exchange ex) {
    StringBuilder out = new StringBuilder();
    inflow.platform().metrics().render(out);
    return Reply.bytes(200, "text/plain; version=0.0.4; charset=utf-8", out.toString().getBytes(StandardCharsets.UTF_8))
        .header("Cache-Control", "no-store");
  }

  private Reply me(Exchange ex) {
    Caller caller = ex.caller();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("signedIn", caller.signedIn());
    body.put("tenant", caller.tenantId());
    body.put("user", caller.user().map(u -> {
      Map<String, Object> user = new LinkedHashMap<>();
      user.put("id", u.id());
      user.put("name", u.name());
      user.put("avatarUrl", u.avatarUrl().orElse(null));
      List<String> roles = new java.util.ArrayList<>(List.of(Role.MEMBER.wireName()));
      u.roles().forEach(role -> roles.add(role.wireName()));
      user.put("roles", roles);
      return user;
    }).orElse(null));
    body.put("csrfToken", caller.signedIn() ? authenticator.csrfToken(caller) : null);
    body.put("maxBodyChars", inflow.platform().limits().maxBodyChars());
    body.put("reactions", Arrays.stream(Reaction.values()).map(Reaction::emoji).toList());
    return Reply.ok(body);
  }
}
