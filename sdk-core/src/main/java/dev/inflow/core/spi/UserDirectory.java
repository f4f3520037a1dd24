package dev.inflow.core.spi;

import dev.inflow.core.User;
import java.util.List;
import java.util.Optional;

/**
 * Profiles from the host's HR system or directory: used to resolve {@code @mentions} of people who
 * have never used Inflow yet, to show names and avatars, and to find people with declared
 * expertise to route questions to. Users Inflow has seen (signed in, or named in a token) are
 * remembered by Inflow itself and asked of the directory only when unknown.
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

  /**
   * The people whose profile declares an expertise tag, so that questions can reach experts who
   * have never opened Inflow. The default knows nobody (experts are then those who declared the tag
   * in their token or login, were named by an administrator, or earned it with good answers).
   *
   * @param tenantId the tenant; never null
   * @param tag a lower-case tag such as {@code vpn}; never null
   * @return the users with the tag in {@link User#expertise()}, at most a few hundred; never null
   */
  default List<User> withExpertise(String tenantId, String tag) {
    return List.of();
  }

  /** The default: knows nobody beyond the users Inflow has seen. */
  static UserDirectory none() {
    return (tenantId, userId) -> Optional.empty();
  }
}
