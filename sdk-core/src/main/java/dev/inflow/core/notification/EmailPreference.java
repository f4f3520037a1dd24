package dev.inflow.core.notification;

import java.util.Objects;
import java.util.Optional;

/**
 * A user's choice of notification e-mail.
 *
 * @param email instant, daily (a digest at {@value #DIGEST_HOUR_UTC}:00 UTC) or off
 * @param address where to send them; required unless {@code email} is off
 * @param available whether this Inflow sends e-mail at all (a {@link Notifier} is configured);
 *     ignored when setting a preference
 */
public record EmailPreference(EmailDelivery email, Optional<String> address, boolean available) {
  /** The hour of the day (UTC) daily digests are sent. */
  public static final int DIGEST_HOUR_UTC = 7;

  public EmailPreference {
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(address, "address");
  }

  /** @return a preference to set */
  public static EmailPreference of(EmailDelivery email, Optional<String> address) {
    return new EmailPreference(email, address, true);
  }
}
