package dev.inflow.servlet;

import dev.inflow.core.Inflow;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The secrets that sign user tokens, per tenant. A tenant may have several at once while a secret
 * is rotated: tokens signed with any of them are accepted.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface TenantKeys {
  /** The shortest secret accepted: HS256 needs 256 bits. */
  int MIN_SECRET_BYTES = 32;

  /**
   * @param tenantId the {@code aud} of a token
   * @return the secrets valid for the tenant now; empty for an unknown tenant
   */
  List<byte[]> secrets(String tenantId);

  /** @return no tenant accepts tokens (host-login only) */
  static TenantKeys none() {
    return tenant -> List.of();
  }

  /**
   * The tenants stored in Inflow's database, whose secrets the standalone server's CLI and the
   * admin API create and rotate. A rotation on another node is seen within seconds.
   *
   * @return the secrets valid now for each stored tenant
   */
  static TenantKeys stored(Inflow inflow) {
    return tenant -> inflow.tenants().activeSecrets(tenant).stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
  }

  /** @return keys that accept what this or the other accepts */
  default TenantKeys and(TenantKeys other) {
    return tenant -> {
      List<byte[]> mine = secrets(tenant);
      List<byte[]> theirs = other.secrets(tenant);
      if (theirs.isEmpty()) {
        return mine;
      }
      List<byte[]> all = new ArrayList<>(mine);
      all.addAll(theirs);
      return all;
    };
  }

  /**
   * @param secretsByTenant UTF-8 secrets per tenant id, each at least {@value #MIN_SECRET_BYTES} bytes
   * @throws IllegalArgumentException naming a tenant whose secret is too short
   */
  static TenantKeys of(Map<String, String> secretsByTenant) {
    Map<String, List<byte[]>> keys = new HashMap<>();
    secretsByTenant.forEach((tenant, secret) -> {
      byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
      if (bytes.length < MIN_SECRET_BYTES) {
        throw new IllegalArgumentException("the token secret of tenant '" + tenant + "' must be at least " + MIN_SECRET_BYTES
            + " bytes (got " + bytes.length + "); generate one with: openssl rand -base64 48");
      }
      keys.put(tenant, List.of(bytes));
    });
    return tenant -> keys.getOrDefault(tenant, List.of());
  }
}
