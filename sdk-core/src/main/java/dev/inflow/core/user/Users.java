package dev.inflow.core.user;

import dev.inflow.core.User;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The users Inflow knows: everyone who signed in or was named in a token (remembered by Inflow),
 * plus whoever the host's {@link dev.inflow.core.spi.UserDirectory} knows.
 *
 * <p>Thread-safe.
 */
public interface Users {
  /**
   * Records the latest profile of a user who is acting now. Cheap when nothing changed.
   *
   * @param tenantId the tenant; never null
   * @param user the profile; never null
   */
  void remember(String tenantId, User user);

  /** @return the user, from Inflow's own records or the host's directory */
  Optional<User> find(String tenantId, String userId);

  /**
   * @param ids candidate ids as typed after {@code @}, any case
   * @return for each candidate naming a known user, the user's canonical id
   */
  Map<String, String> resolveMentions(String tenantId, Collection<String> ids);
}
