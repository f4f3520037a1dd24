package dev.inflow.core.tenant;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A token secret just issued, the only time it is shown: hand it to the host application that
 * signs its users' tokens.
 *
 * @param tenantId the tenant
 * @param keyId the id of the new secret
 * @param secret the secret; sign tokens with its UTF-8 bytes (HS256)
 * @param createdAt when it was issued
 * @param previousValidUntil after a rotation, when the secrets it replaced stop being accepted;
 *     empty for a new tenant
 */
public record IssuedSecret(String tenantId, String keyId, String secret, Instant createdAt, Optional<Instant> previousValidUntil) {
  public IssuedSecret {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(previousValidUntil, "previousValidUntil");
  }

  /** Keeps the secret out of logs that print records. */
  @Override
  public String toString() {
    return "IssuedSecret[tenantId=" + tenantId + ", keyId=" + keyId + ", createdAt=" + createdAt + "]";
  }
}
