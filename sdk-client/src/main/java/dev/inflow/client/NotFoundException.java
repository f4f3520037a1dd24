package dev.inflow.client;

/**
 * No such thing, or the caller may not see it (404); Inflow answers both the same way so that
 * the existence of hidden targets does not leak.
 */
public class NotFoundException extends InflowApiException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what happened, for logs
   * @param status the HTTP status answered
   * @param problem the problem document answered
   */
  public NotFoundException(String message, int status, Problem problem) {
    super(message, status, problem, null);
  }
}
