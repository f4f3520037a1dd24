package dev.inflow.client;

/**
 * No answer arrived: the server could not be reached (connection refused, unknown host, TLS
 * failure) or the connection broke. {@link #status()} is 0 and there is no problem document. The
 * client already retried where that was safe; a create may or may not have been carried out, and
 * repeating it with the same idempotency key is safe.
 */
public class ConnectionException extends InflowApiException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what happened, for logs
   * @param cause the I/O failure
   */
  public ConnectionException(String message, Throwable cause) {
    super(message, 0, null, cause);
  }
}
