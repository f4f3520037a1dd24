package dev.inflow.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An error answer in the shape of RFC 9457 ({@code application/problem+json}), as the server sent
 * it. When the answer was not a problem document (an HTML page from a proxy, an empty body), the
 * client fills one in as the RFC says: {@code type} is {@value #ABOUT_BLANK}, {@code title} the
 * HTTP reason, and {@code detail} describes what did arrive.
 *
 * @param type a URI naming the kind of problem, e.g. {@code https://inflow.dev/problems/invalid-input}
 * @param title a short human summary of the kind of problem
 * @param status the HTTP status the problem document states
 * @param detail what went wrong this time, if said
 * @param errors what is wrong per field; unmodifiable, empty when none
 */
public record Problem(String type, String title, int status, Optional<String> detail, List<FieldError> errors) {
  /** The type of a problem with no more specific type. */
  public static final String ABOUT_BLANK = "about:blank";

  /** @throws NullPointerException when a component is null */
  public Problem {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(detail, "detail");
    errors = List.copyOf(errors);
  }
}
