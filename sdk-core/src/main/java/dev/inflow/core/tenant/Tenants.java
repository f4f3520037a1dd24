package dev.inflow.core.tenant;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Tenants, their token secrets and their allowed origins, stored in Inflow's database so that
 * every node shares them. This is an operator's API: it checks input, not who calls. The servlet's
 * admin API lets a tenant's admins manage their own tenant and an operator credential manage all;
 * the standalone server's CLI calls it directly.
 *
 * <p>Reads used on every request ({@link #activeSecrets}, {@link #isOriginAllowed}) are cached for
 * a few seconds: a change made on another node is seen within {@value #PROPAGATION_SECONDS}
 * seconds, on this node at once. Thread-safe.
 */
public interface Tenants {
  /** The longest a change made on another node takes to be seen here. */
  int PROPAGATION_SECONDS = 5;
  /** The longest overlap a rotation may give the secrets it replaces. */
  Duration MAX_OVERLAP = Duration.ofDays(30);
  /** The most allowed origins a tenant may have. */
  int MAX_ORIGINS = 50;

  /**
   * Creates a tenant with a first token secret.
   *
   * @param id 1–63 lower-case letters, digits, '-' or '_'
   * @param name display name, 1–200 characters; null uses the id
   * @param allowedOrigins origins such as {@code https://portal.example.com}; may be empty
   * @return the first secret, shown this once
   * @throws dev.inflow.core.InvalidInputException naming the field that is wrong
   * @throws dev.inflow.core.ConflictException when the tenant exists
   */
  IssuedSecret create(String id, String name, Collection<String> allowedOrigins);

  /** @return every tenant, by id */
  List<Tenant> list();

  /** @return the tenant, or empty when there is none with this id */
  Optional<Tenant> find(String id);

  /**
   * Issues a new secret; the secrets valid until now stay valid for the overlap, so that hosts can
   * switch without a moment in which their tokens are refused.
   *
   * @param overlap from zero (the old secrets stop at once) to {@link #MAX_OVERLAP}
   * @return the new secret, shown this once
   * @throws dev.inflow.core.NotFoundException when there is no such tenant
   * @throws dev.inflow.core.InvalidInputException when the overlap is out of range (field {@code overlap})
   */
  IssuedSecret rotateSecret(String id, Duration overlap);

  /**
   * Replaces the tenant's allowed origins.
   *
   * @return the tenant as it is now
   * @throws dev.inflow.core.NotFoundException when there is no such tenant
   * @throws dev.inflow.core.InvalidInputException naming the first origin that is not {@code http(s)://host[:port]}
   */
  Tenant setAllowedOrigins(String id, Collection<String> allowedOrigins);

  /** @return the secrets that sign valid tokens of the tenant now; empty for an unknown tenant */
  List<String> activeSecrets(String id);

  /** @return whether pages on the origin may use the tenant's tokens */
  boolean isOriginAllowed(String id, String origin);

  /** @return whether some tenant allows pages on the origin (for CORS preflights, which carry no token) */
  boolean isOriginAllowedForAnyTenant(String origin);

  /**
   * @param origin what a host wrote
   * @return the origin as compared: lower case, no trailing slash
   * @throws dev.inflow.core.InvalidInputException unless it is {@code http(s)://host[:port]}
   */
  static String normaliseOrigin(String field, String origin) {
    String o = origin == null ? "" : origin.strip().toLowerCase(java.util.Locale.ROOT);
    if (o.endsWith("/")) {
      o = o.substring(0, o.length() - 1);
    }
    if (!o.matches("https?://[a-z0-9.\\-\\[\\]:]+") || o.length() > 300) {
      throw new dev.inflow.core.InvalidInputException(field, "an origin looks like https://portal.example.com or http://localhost:8080,"
          + " without a path (got '" + (origin == null ? "" : origin.strip()) + "')");
    }
    return o;
  }

  /**
   * @param text a duration as operators write it: {@code 24h}, {@code 30m}, {@code 7d}, {@code 90s},
   *     {@code 0}, or ISO-8601 ({@code PT24H})
   * @throws dev.inflow.core.InvalidInputException naming the field when it is none of these
   */
  static Duration parseDuration(String field, String text) {
    String t = text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT);
    try {
      if (t.equals("0")) {
        return Duration.ZERO;
      }
      if (t.startsWith("p")) {
        return Duration.parse(t.toUpperCase(java.util.Locale.ROOT));
      }
      if (t.matches("[0-9]{1,6}[smhd]")) {
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (t.charAt(t.length() - 1)) {
          case 's' -> Duration.ofSeconds(n);
          case 'm' -> Duration.ofMinutes(n);
          case 'h' -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
      }
    } catch (java.time.format.DateTimeParseException e) {
      // reported below
    }
    throw new dev.inflow.core.InvalidInputException(field, field + " is a duration such as 24h, 30m, 7d or 0 (got '"
        + (text == null ? "" : text.strip()) + "')");
  }
}
