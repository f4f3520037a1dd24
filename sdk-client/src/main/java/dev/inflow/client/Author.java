package dev.inflow.client;

import java.util.Objects;
import java.util.Optional;

/**
 * Who wrote a comment or a revision, as the server shows them.
 *
 * @param id the user id the host gave them
 * @param name display name
 * @param avatarUrl picture URL, if known
 */
public record Author(String id, String name, Optional<String> avatarUrl) {
  /** @throws NullPointerException when a component is null */
  public Author {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(avatarUrl, "avatarUrl");
  }
}
