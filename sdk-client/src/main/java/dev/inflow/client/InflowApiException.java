package dev.inflow.client;

import java.util.List;
import java.util.Optional;

/**
 * The root of every failure of an Inflow call; unchecked. Subclasses say what happened (catch
 * {@link NotFoundException}, {@link PreconditionFailedException}, ...); this class itself stands
 * for an error answer with no more specific meaning (a 405, a redirect to a login page).
 *
 * <p>{@link #status()} is the HTTP status, or 0 when no answer arrived
 * ({@link ConnectionException}). {@link #problem()} is the server's problem document, when an
 * error answer arrived. The message names the method and path, never the token.
 */
public class InflowApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final transient Problem problem;

  /**
   * @param message what happened, for logs
   * @param status the HTTP status, 0 when no answer arrived
   * @param problem the problem document answered, or null when none
   * @param cause the underlying failure, or null
   */
  public InflowApiException(String message, int status, Problem problem, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.problem = problem;
  }

  /** @return the HTTP status of the answer, 0 when no answer arrived */
  public int status() {
    return status;
  }

  /** @return the problem the server answered with; empty when no error answer arrived */
  public Optional<Problem> problem() {
    return Optional.ofNullable(problem);
  }

  /** @return what is wrong per field, from the problem; empty when the server named no field */
  public List<FieldError> errors() {
    return problem == null ? List.of() : problem.errors();
  }
}
