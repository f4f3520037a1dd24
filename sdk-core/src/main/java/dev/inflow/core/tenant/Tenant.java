package dev.inflow.core.tenant;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A tenant as an operator sees it. Secrets themselves are never part of it: they are shown once,
 * when issued ({@link IssuedSecret}).
 *
 * @param id the tenant id, the {@code aud} of its users' tokens
 * @param name a display name
 * @param allowedOrigins origins whose pages may use Inflow with this tenant's tokens; unmodifiable
 * @param secrets the token secrets that are valid now or later, newest first; unmodifiable
 * @param createdAt when it was created
 */
public record Tenant(String id, String name, List<String> allowedOrigins, List<SecretInfo> secrets, Instant createdAt) {
  public Tenant {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    allowedOrigins = List.copyOf(allowedOrigins);
    secrets = List.copyOf(secrets);
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
