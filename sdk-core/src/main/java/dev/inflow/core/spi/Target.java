package dev.inflow.core.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * A business object people talk about, as shown in feeds and notifications.
 *
 * @param key the opaque key, e.g. {@code "order:4711"}
 * @param title human title, e.g. "Order 4711"
 * @param url where the object lives in the host app, if known (http or https)
 */
public record Target(String key, String title, Optional<String> url) {
  public Target {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(url, "url");
  }
}
