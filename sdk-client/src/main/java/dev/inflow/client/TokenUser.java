package dev.inflow.client;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The user a token speaks for, as the host knows them:
 * {@code TokenUser.of("ana", "Ana Lima").withRoles("moderator").withExpertise("vpn", "java")}.
 *
 * @param id the user's id in the host (employee id, SSO subject); the token's {@code sub}
 * @param name display name; {@code name}
 * @param roles role names such as {@code expert}, {@code moderator}, {@code admin}, {@code service}
 *     (everyone is a {@code member}); {@code roles}; unmodifiable
 * @param expertise tags the user knows about, e.g. {@code vpn}; {@code expertise}; unmodifiable
 * @param avatarUrl picture URL; {@code avatar}
 */
public record TokenUser(String id, String name, List<String> roles, List<String> expertise, Optional<String> avatarUrl) {
  /**
   * @throws NullPointerException when a component is null
   * @throws IllegalArgumentException when the id or name is blank
   */
  public TokenUser {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    if (id.isBlank()) {
      throw new IllegalArgumentException("a user id may not be blank");
    }
    if (name.isBlank()) {
      throw new IllegalArgumentException("the name of user '" + id + "' may not be blank");
    }
    roles = List.copyOf(roles);
    expertise = List.copyOf(expertise);
    Objects.requireNonNull(avatarUrl, "avatarUrl");
  }

  /** @return a member with no further roles, expertise or picture */
  public static TokenUser of(String id, String name) {
    return new TokenUser(id, name, List.of(), List.of(), Optional.empty());
  }

  /** @return this user with these roles instead of the ones set before */
  public TokenUser withRoles(String... roles) {
    return new TokenUser(id, name, Arrays.asList(roles), expertise, avatarUrl);
  }

  /** @return this user with these expertise tags instead of the ones set before */
  public TokenUser withExpertise(String... tags) {
    return new TokenUser(id, name, roles, Arrays.asList(tags), avatarUrl);
  }

  /** @return this user with a picture */
  public TokenUser withAvatarUrl(String avatarUrl) {
    return new TokenUser(id, name, roles, expertise, Optional.of(avatarUrl));
  }
}
