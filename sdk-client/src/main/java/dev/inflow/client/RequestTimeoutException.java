package dev.inflow.client;

/**
 * The server did not answer in time: connecting took longer than
 * {@link InflowClient.Builder#connectTimeout}, or reading the answer longer than
 * {@link InflowClient.Builder#readTimeout}. Like every {@link ConnectionException}, the request may
 * or may not have been carried out.
 */
public class RequestTimeoutException extends ConnectionException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what happened, for logs
   * @param cause the timeout
   */
  public RequestTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }
}
