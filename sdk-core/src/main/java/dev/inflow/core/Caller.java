package dev.inflow.core;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who is asking: a tenant and, unless anonymous, a user. Every core operation takes the caller
 * first, so that tenant isolation and access checks cannot be forgotten.
 *
 * @param tenantId the tenant, {@value #DEFAULT_TENANT} for single-tenant hosts
 * @param user the signed-in user, or empty for an anonymous reader
 */
public record Caller(String tenantId, Optional<User> user) {
  /** The tenant of single-tenant hosts. */
  public static final String DEFAULT_TENANT = "default";
  private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  public Caller {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(user, "user");
    requireValidTenantId(tenantId);
  }

  /** @return an anonymous caller in the tenant */
  public static Caller anonymous(String tenantId) {
    return new Caller(tenantId, Optional.empty());
  }

  /** @return a signed-in caller */
  public static Caller of(String tenantId, User user) {
    return new Caller(tenantId, Optional.of(user));
  }

  /**
   * @param tenantId a candidate tenant id
   * @throws InvalidInputException unless it is 1–63 lower-case letters, digits, '-' or '_'
   */
  public static void requireValidTenantId(String tenantId) {
    if (!TENANT.matcher(tenantId).matches()) {
      throw new InvalidInputException("tenant", "a tenant id is 1 to 63 lower-case letters, digits, '-' or '_' and starts with a letter or digit");
    }
  }

  /** @return whether a user is signed in */
  public boolean signedIn() {
    return user.isPresent();
  }

  /** @return the user's id, or empty when anonymous */
  public Optional<String> userId() {
    return user.map(User::id);
  }

  /** @return whether the caller is signed in and holds the role */
  public boolean hasRole(Role role) {
    return user.map(u -> u.hasRole(role)).orElse(false);
  }

  /** @return whether the caller may moderate anywhere in the tenant (moderator or admin) */
  public boolean isModerator() {
    return hasRole(Role.MODERATOR) || hasRole(Role.ADMIN);
  }

  /**
   * @param action what the caller tried, e.g. "post a comment", used in the message
   * @return the signed-in user
   * @throws SignInRequiredException when anonymous
   */
  public User requireUser(String action) {
    return user.orElseThrow(() -> new SignInRequiredException("sign in to " + action));
  }
}
