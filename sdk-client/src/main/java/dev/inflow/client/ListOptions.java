package dev.inflow.client;

import java.util.Objects;
import java.util.Optional;

/**
 * Which page of a target's comments to read:
 * {@code ListOptions.first().sort(CommentSort.NEWEST).limit(50)}; then
 * {@code options.after(page.next().get())} for the following page.
 *
 * @param sort order of top-level comments
 * @param limit top-level comments per page (each comes with its replies); the server allows 1 to 100
 * @param cursor where to continue; empty for the first page
 */
public record ListOptions(CommentSort sort, int limit, Optional<String> cursor) {
  /** The page size when the caller does not say; the server's default too. */
  public static final int DEFAULT_LIMIT = 20;

  /**
   * @throws NullPointerException when a component is null
   * @throws IllegalArgumentException when {@code limit} is less than 1
   */
  public ListOptions {
    Objects.requireNonNull(sort, "sort");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1 (got " + limit + ")");
    }
    Objects.requireNonNull(cursor, "cursor");
  }

  /** @return the first page, oldest first, {@value #DEFAULT_LIMIT} top-level comments */
  public static ListOptions first() {
    return new ListOptions(CommentSort.OLDEST, DEFAULT_LIMIT, Optional.empty());
  }

  /** @return these options with another order */
  public ListOptions sort(CommentSort sort) {
    return new ListOptions(sort, limit, cursor);
  }

  /** @return these options with another page size */
  public ListOptions limit(int limit) {
    return new ListOptions(sort, limit, cursor);
  }

  /** @return these options for the page after the one that gave this {@link Page#next()} cursor */
  public ListOptions after(String cursor) {
    return new ListOptions(sort, limit, Optional.of(Objects.requireNonNull(cursor, "cursor")));
  }
}
