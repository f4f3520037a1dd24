package dev.inflow.core.spi;

import dev.inflow.core.User;
import java.util.Optional;

/**
 * Profiles from the host's HR system or directory: used to resolve {@code @mentions} of people who
 * have never used Inflow yet, and to show names and avatars. Users Inflow has seen (signed in, or
 * named in a token) are remembered by Inflow itself and asked of the directory only when unknown.
 *
 * <p>Implementations must be thread-safe; Inflow caches answers for a few minutes.
 */
@FunctionalInterface
public interface UserDirectory {
  /**
   * @param tenantId the tenant; never null
   * @param userId the host's user id; never null
   * @return the profile, or empty if the directory does not know the user
   */
  Optional<User> find(String tenantId, String userId);

  /** The default: knows nobody beyond the users Inflow has seen. */
  static UserDirectory none() {
    return (tenantId, userId) -> Optional.empty();
  }
}
