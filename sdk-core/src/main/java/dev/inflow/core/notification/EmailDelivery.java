package dev.inflow.core.notification;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.inflow.core.InvalidInputException;
import java.util.Locale;

/** How a user wants their notifications by e-mail. */
public enum EmailDelivery {
  /** One message per notification, within seconds. */
  INSTANT,
  /** One message a day ({@value dev.inflow.core.notification.EmailPreference#DIGEST_HOUR_UTC}:00 UTC) with what is still unread. */
  DAILY,
  /** No e-mail (the default). */
  OFF;

  /** @return the name in JSON and storage: {@code instant}, {@code daily}, {@code off} */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @param value {@code instant}, {@code daily} or {@code off}
   * @throws InvalidInputException naming {@code email} otherwise
   */
  public static EmailDelivery parse(String value) {
    if (value != null) {
      for (EmailDelivery delivery : values()) {
        if (delivery.wireName().equals(value.strip().toLowerCase(Locale.ROOT))) {
          return delivery;
        }
      }
    }
    throw new InvalidInputException("email", "email is instant, daily or off");
  }
}
