package dev.inflow.client;

/**
 * The request body is larger than the server accepts (413). Shorten the text; {@link Me#maxBodyChars()}
 * says how long a comment may be.
 */
public class PayloadTooLargeException extends InflowApiException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what happened, for logs
   * @param status the HTTP status answered
   * @param problem the problem document answered
   */
  public PayloadTooLargeException(String message, int status, Problem problem) {
    super(message, status, problem, null);
  }
}
