package dev.inflow.client;

/**
 * The server did not accept the caller's identity (401): no token where one is needed, or a
 * token that is expired, signed with the wrong secret, or for another tenant. The problem's
 * {@code detail} says which; sign a new token with {@link UserTokenSigner}.
 */
public class UnauthorizedException extends InflowApiException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what happened, for logs
   * @param status the HTTP status answered
   * @param problem the problem document answered
   */
  public UnauthorizedException(String message, int status, Problem problem) {
    super(message, status, problem, null);
  }
}
