package dev.inflow.client;

import java.util.Objects;
import java.util.Optional;

/**
 * Which page of a list to read: {@code PageOptions.first().limit(50)}, then
 * {@code options.after(page.next().get())}. The {@code stream(...)} variants of list calls follow
 * the cursors themselves.
 *
 * @param limit items per page; the server allows 1 to 100
 * @param cursor where to continue; empty for the first page
 */
public record PageOptions(int limit, Optional<String> cursor) {
  /** The page size when the caller does not say. */
  public static final int DEFAULT_LIMIT = 20;

  /**
   * @throws NullPointerException when the cursor is null
   * @throws IllegalArgumentException when {@code limit} is not 1 to 100
   */
  public PageOptions {
    if (limit < 1 || limit > 100) {
      throw new IllegalArgumentException("limit must be 1 to 100 (got " + limit + ")");
    }
    Objects.requireNonNull(cursor, "cursor");
  }

  /** @return the first page of {@value #DEFAULT_LIMIT} items */
  public static PageOptions first() {
    return new PageOptions(DEFAULT_LIMIT, Optional.empty());
  }

  /** @return these options with another page size */
  public PageOptions limit(int limit) {
    return new PageOptions(limit, cursor);
  }

  /** @return these options for the page after the one that gave this {@link Page#next()} cursor */
  public PageOptions after(String cursor) {
    return new PageOptions(limit, Optional.of(Objects.requireNonNull(cursor, "cursor")));
  }

  /** @return these options at the cursor, or at the first page when empty */
  PageOptions at(Optional<String> cursor) {
    return new PageOptions(limit, cursor);
  }
}
