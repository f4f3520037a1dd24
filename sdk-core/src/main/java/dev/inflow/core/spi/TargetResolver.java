package dev.inflow.core.spi;

import java.util.Optional;

/**
 * Gives the title and URL of a target key from the host's own data, so that feeds and
 * notifications say "Order 4711" and link to it. When the resolver does not know a key, Inflow
 * uses the title and URL the embedding page declared when the first comment was posted.
 *
 * <p>Implementations must be thread-safe; Inflow caches answers for a few minutes.
 */
@FunctionalInterface
public interface TargetResolver {
  /**
   * @param tenantId the tenant; never null
   * @param key the target key; never null
   * @return the target, or empty if the host does not know it
   */
  Optional<Target> resolve(String tenantId, String key);

  /** The default: knows nothing, so page-declared titles are used. */
  static TargetResolver none() {
    return (tenantId, key) -> Optional.empty();
  }
}
