package dev.inflow.client;

import java.util.Locale;

/** Why someone flags a comment for moderators. */
public enum FlagReason {
  /** Advertising or other unsolicited bulk content. */
  SPAM,
  /** Harassment, insults, threats. */
  ABUSE,
  /** Not about the target it is on. */
  OFF_TOPIC,
  /** Anything else; say what in the note. */
  OTHER;

  /** @return the name used in JSON: {@code spam}, {@code abuse}, {@code off-topic}, {@code other} */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
