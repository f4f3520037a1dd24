package dev.inflow.client;

/**
 * The request conflicts with the current state (409): an idempotency key reused for a different
 * request, an edit of a deleted comment, a reaction on a hidden one.
 */
public class ConflictException extends InflowApiException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what happened, for logs
   * @param status the HTTP status answered
   * @param problem the problem document answered
   */
  public ConflictException(String message, int status, Problem problem) {
    super(message, status, problem, null);
  }
}
