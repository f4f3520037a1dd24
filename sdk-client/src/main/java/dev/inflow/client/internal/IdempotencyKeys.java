package dev.inflow.client.internal;

import java.util.Objects;
import java.util.UUID;

/** Idempotency keys of creates: checked where the caller gives one, fresh per logical call otherwise. */
public final class IdempotencyKeys {
  private IdempotencyKeys() {}

  /** @return a new random key, for one logical create and all its retries */
  public static String fresh() {
    return UUID.randomUUID().toString();
  }

  /**
   * @return the key, checked
   * @throws IllegalArgumentException when the key is not 1 to 255 visible ASCII characters
   */
  public static String require(String key) {
    Objects.requireNonNull(key, "idempotencyKey");
    if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
      throw new IllegalArgumentException("idempotencyKey must be 1 to 255 visible ASCII characters, e.g. a UUID (got '"
          + (key.length() > 60 ? key.substring(0, 60) + "…" : key) + "')");
    }
    return key;
  }
}
