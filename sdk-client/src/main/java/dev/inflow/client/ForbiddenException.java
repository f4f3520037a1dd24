package dev.inflow.client;

/**
 * The caller is known but may not do this (403): edit someone else's comment, moderate without
 * being a moderator. Retrying will not help.
 */
public class ForbiddenException extends InflowApiException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what happened, for logs
   * @param status the HTTP status answered
   * @param problem the problem document answered
   */
  public ForbiddenException(String message, int status, Problem problem) {
    super(message, status, problem, null);
  }
}
