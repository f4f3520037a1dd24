package dev.inflow.core;

/** The action needs a signed-in user and the caller is anonymous. */
public final class SignInRequiredException extends InflowException {
  private static final long serialVersionUID = 1L;

  /** @param message what needs signing in; never null */
  public SignInRequiredException(String message) {
    super(message);
  }
}
