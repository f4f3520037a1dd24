package dev.inflow.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a longer list. Pass {@link #next()} back to the same call for the following page,
 * or use the {@code stream(...)} variants, which do that for you.
 *
 * @param items the items of this page, in the server's order; unmodifiable
 * @param next an opaque cursor for the following page; empty on the last page
 * @param <T> item type
 */
public record Page<T>(List<T> items, Optional<String> next) {
  /** @throws NullPointerException when a component or an item is null */
  public Page {
    items = List.copyOf(items);
    Objects.requireNonNull(next, "next");
  }

  /** @return whether another page follows */
  public boolean hasNext() {
    return next.isPresent();
  }
}
