package dev.inflow.core;

import java.util.Locale;
import java.util.Optional;

/** What a user may do beyond reading and writing; roles come from the host (token or directory). */
public enum Role {
  /** An ordinary employee. Every signed-in user is a member. */
  MEMBER,
  /** Someone whose declared expertise makes them a target for questions. */
  EXPERT,
  /** May hide, approve and remove content, and sees the moderation queue. */
  MODERATOR,
  /** Tenant administrator: everything a moderator may, plus settings and anonymous authors. */
  ADMIN,
  /** A host backend, not a person: may act on behalf of a named user (e.g. publish activities). */
  SERVICE;

  /** @return the name used in tokens and JSON, e.g. {@code "moderator"} */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @param wireName a role name as found in a token, any case; may be null
   * @return the role, or empty for unknown names (hosts may send roles of their own)
   */
  public static Optional<Role> fromWireName(String wireName) {
    if (wireName == null) {
      return Optional.empty();
    }
    for (Role role : values()) {
      if (role.wireName().equalsIgnoreCase(wireName.trim())) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
