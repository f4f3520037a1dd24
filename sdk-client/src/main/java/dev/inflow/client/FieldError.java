package dev.inflow.client;

import java.util.Objects;

/**
 * What is wrong with one field of a request, from a problem's {@code errors}.
 *
 * @param field the JSON field, query or path parameter, or header the server names, e.g.
 *     {@code body}, {@code emoji}, {@code Idempotency-Key}; {@code $} for the whole body
 * @param message what is wrong and what would be right
 */
public record FieldError(String field, String message) {
  /** @throws NullPointerException when a component is null */
  public FieldError {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }
}
