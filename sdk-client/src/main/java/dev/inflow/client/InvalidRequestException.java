package dev.inflow.client;

/**
 * The server refused the request as invalid (400): a blank body, an unknown emoji, a bad cursor.
 * {@link #errors()} names each field and what would be right.
 */
public class InvalidRequestException extends InflowApiException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what happened, for logs
   * @param status the HTTP status answered
   * @param problem the problem document answered
   */
  public InvalidRequestException(String message, int status, Problem problem) {
    super(message, status, problem, null);
  }
}
