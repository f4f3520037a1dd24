package dev.inflow.core;

import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A person (or a host backend) as the host knows them. Inflow never stores passwords: users come
 * from the host's login, a signed token, or the host's {@link dev.inflow.core.spi.UserDirectory}.
 *
 * @param id the host's id for the user (employee id, SSO subject): 1–128 visible characters
 * @param name display name, 1–200 characters
 * @param avatarUrl an http(s) picture URL, if the host has one
 * @param roles roles beyond {@link Role#MEMBER}, which every user has implicitly; unmodifiable
 * @param expertise declared expertise tags, lower case; unmodifiable
 */
public record User(String id, String name, Optional<String> avatarUrl, Set<Role> roles, Set<String> expertise) {
  private static final Pattern ID = Pattern.compile("[\\p{L}\\p{N}._@+:-]{1,128}");
  private static final Pattern TAG = Pattern.compile("[\\p{Ll}\\p{N}][\\p{Ll}\\p{N}._+#-]{0,49}");
  /**
   * Direction overrides, embeddings and isolates: a name carrying U+202E would make the words
   * around it, wherever the name is shown ("Ana replied to ..."), read backwards.
   */
  private static final Pattern BIDI_CONTROLS = Pattern.compile("[\\u202A-\\u202E\\u2066-\\u2069\\u061C\\u200E\\u200F\\uFEFF]");

  public User {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(avatarUrl, "avatarUrl");
    if (!ID.matcher(id).matches()) {
      throw new InvalidInputException("sub", "a user id is 1 to 128 letters, digits or ._@+:- (got '" + abbreviate(id) + "')");
    }
    name = BIDI_CONTROLS.matcher(name).replaceAll("").strip();
    if (name.isEmpty() || name.length() > 200 || name.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidInputException("name", "a display name is 1 to 200 characters without control characters");
    }
    avatarUrl = avatarUrl.filter(url -> url.startsWith("https://") || url.startsWith("http://"));
    roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    expertise = Set.copyOf(expertise);
    for (String tag : expertise) {
      if (!TAG.matcher(tag).matches()) {
        throw new InvalidInputException("expertise", "a tag is 1 to 50 lower-case letters, digits or ._+#- (got '" + abbreviate(tag) + "')");
      }
    }
  }

  /** @return a builder for a user with this id; the name defaults to the id */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** @return a user with just an id and a name */
  public static User of(String id, String name) {
    return builder(id).name(name).build();
  }

  /** @return whether the user holds the role ({@link Role#MEMBER} always holds) */
  public boolean hasRole(Role role) {
    return role == Role.MEMBER || roles.contains(role);
  }

  /** @return a builder starting from this user's values */
  public Builder toBuilder() {
    return new Builder(id).name(name).avatarUrl(avatarUrl.orElse(null)).roles(roles).expertise(expertise);
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }

  /** Builds a {@link User}; not thread-safe. */
  public static final class Builder {
    private final String id;
    private String name;
    private String avatarUrl;
    private final Set<Role> roles = EnumSet.noneOf(Role.class);
    private final Set<String> expertise = new LinkedHashSet<>();

    private Builder(String id) {
      this.id = Objects.requireNonNull(id, "id");
      this.name = id;
    }

    /** @param name display name; null keeps the id as name */
    public Builder name(String name) {
      this.name = name == null || name.isBlank() ? id : name;
      return this;
    }

    /** @param avatarUrl http(s) URL or null */
    public Builder avatarUrl(String avatarUrl) {
      this.avatarUrl = avatarUrl;
      return this;
    }

    /** Adds roles; {@link Role#MEMBER} is implied and need not be given. */
    public Builder roles(Collection<Role> roles) {
      roles.stream().filter(r -> r != Role.MEMBER).forEach(this.roles::add);
      return this;
    }

    /** Adds roles; {@link Role#MEMBER} is implied and need not be given. */
    public Builder roles(Role... roles) {
      return roles(Set.of(roles));
    }

    /** Adds declared expertise tags; they are lower-cased. */
    public Builder expertise(Collection<String> tags) {
      tags.stream().map(t -> t.strip().toLowerCase(Locale.ROOT)).filter(t -> !t.isEmpty()).forEach(expertise::add);
      return this;
    }

    /**
     * @return the user
     * @throws InvalidInputException naming the field that is not acceptable
     */
    public User build() {
      return new User(id, name, Optional.ofNullable(avatarUrl), roles, expertise);
    }
  }
}
