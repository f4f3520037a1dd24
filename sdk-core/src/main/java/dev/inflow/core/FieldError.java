package dev.inflow.core;

import java.util.Objects;

/**
 * One invalid field of a request.
 *
 * @param field the JSON name of the field, dotted for nested fields ({@code "object.name"}); never null
 * @param message what is wrong and what would be right; never null
 */
public record FieldError(String field, String message) {
  public FieldError {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }
}
