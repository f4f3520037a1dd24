package dev.inflow.core.feed;

import java.time.Instant;
import java.util.Objects;

/**
 * A target a user muted.
 *
 * @param targetKey the target
 * @param name its title
 * @param createdAt since when
 */
public record Mute(String targetKey, String name, Instant createdAt) {
  public Mute {
    Objects.requireNonNull(targetKey, "targetKey");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
