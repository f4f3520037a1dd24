package dev.inflow.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a longer list.
 *
 * @param items the items of this page, unmodifiable
 * @param next an opaque cursor for the following page, empty on the last page
 * @param <T> item type
 */
public record Page<T>(List<T> items, Optional<String> next) {
  public Page {
    items = List.copyOf(items);
    Objects.requireNonNull(next, "next");
  }
}
