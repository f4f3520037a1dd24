package dev.inflow.core.target;

import dev.inflow.core.spi.Target;

/**
 * Titles and links of the business objects people talk about. Thread-safe.
 */
public interface Targets {
  /**
   * @return the target as the host's {@link dev.inflow.core.spi.TargetResolver} describes it, else
   *     as the embedding page declared it, else titled by its key; never null
   */
  Target resolve(String tenantId, String key);
}
