package dev.inflow.core;

import java.util.Objects;
import java.util.Optional;

/**
 * The public face of a user on something they wrote.
 *
 * @param id the user id
 * @param name display name
 * @param avatarUrl picture URL, if known
 */
public record Author(String id, String name, Optional<String> avatarUrl) {
  public Author {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(avatarUrl, "avatarUrl");
  }

  /** @return the author view of a user */
  public static Author of(User user) {
    return new Author(user.id(), user.name(), user.avatarUrl());
  }
}
