package dev.inflow.client;

/**
 * A success answer the client cannot read: not JSON, JSON of the wrong shape, or a field missing.
 * It usually means the base URL points at something that is not Inflow (a login page, a proxy's
 * placeholder) or at a server of an incompatible version. The message quotes the start of what
 * arrived.
 */
public class UnexpectedResponseException extends InflowApiException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what arrived and why it cannot be read
   * @param status the HTTP status answered
   * @param cause the parse failure, or null
   */
  public UnexpectedResponseException(String message, int status, Throwable cause) {
    super(message, status, null, cause);
  }
}
