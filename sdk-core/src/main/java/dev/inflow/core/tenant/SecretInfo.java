package dev.inflow.core.tenant;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What may be shown about a token secret: everything but the secret.
 *
 * @param keyId a short id naming the secret in lists and logs
 * @param createdAt when it was issued
 * @param expiresAt when it stops being accepted; empty for the current secret
 */
public record SecretInfo(String keyId, Instant createdAt, Optional<Instant> expiresAt) {
  public SecretInfo {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
