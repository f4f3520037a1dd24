package dev.inflow.core;

import java.util.Objects;
import java.util.Optional;

/**
 * Which page to read.
 *
 * @param cursor the {@link Page#next()} of the previous page, or empty for the first page
 * @param limit how many items, 1 to {@value #MAX_LIMIT}
 */
public record PageRequest(Optional<String> cursor, int limit) {
  /** The largest page anyone may ask for. */
  public static final int MAX_LIMIT = 100;
  /** The page size when the caller does not say. */
  public static final int DEFAULT_LIMIT = 20;

  public PageRequest {
    Objects.requireNonNull(cursor, "cursor");
    cursor = cursor.filter(c -> !c.isBlank());
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidInputException("limit", "limit must be between 1 and " + MAX_LIMIT + " (got " + limit + ")");
    }
  }

  /** @return the first page of the given size */
  public static PageRequest first(int limit) {
    return new PageRequest(Optional.empty(), limit);
  }

  /** @return the page after the given cursor; a null or blank cursor means the first page */
  public static PageRequest after(String cursor, int limit) {
    return new PageRequest(Optional.ofNullable(cursor), limit);
  }
}
