package dev.inflow.client;

import java.time.Instant;
import java.util.Objects;

/**
 * A target the signed-in user muted: its activities stay out of their home feed and notifications.
 *
 * @param targetKey the target
 * @param name its title
 * @param createdAt since when
 */
public record Mute(String targetKey, String name, Instant createdAt) {
  /** @throws NullPointerException when a component is null */
  public Mute {
    Objects.requireNonNull(targetKey, "targetKey");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
