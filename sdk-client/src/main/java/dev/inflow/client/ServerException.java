package dev.inflow.client;

/**
 * The server (or a proxy in front of it) failed (5xx). The request may or may not have been
 * carried out; creates are safe to repeat because the client sends an idempotency key.
 */
public class ServerException extends InflowApiException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what happened, for logs
   * @param status the HTTP status answered
   * @param problem the problem document answered
   */
  public ServerException(String message, int status, Problem problem) {
    super(message, status, problem, null);
  }
}
