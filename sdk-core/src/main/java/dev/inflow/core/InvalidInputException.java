package dev.inflow.core;

import java.util.List;

/** The request names a field with a value Inflow will not take; nothing was changed. */
public final class InvalidInputException extends InflowException {
  private static final long serialVersionUID = 1L;
  private final transient List<FieldError> errors;

  /** @param errors at least one field error; never null */
  public InvalidInputException(List<FieldError> errors) {
    super(summary(errors));
    this.errors = List.copyOf(errors);
  }

  /** A single invalid field. */
  public InvalidInputException(String field, String message) {
    this(List.of(new FieldError(field, message)));
  }

  /** @return the invalid fields, unmodifiable, never empty */
  public List<FieldError> errors() {
    return errors;
  }

  private static String summary(List<FieldError> errors) {
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("an InvalidInputException needs at least one field error");
    }
    FieldError first = errors.get(0);
    String more = errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "";
    return first.field() + ": " + first.message() + more;
  }
}
