package dev.inflow.core;

/**
 * The request contradicts the current state: an idempotency key reused with another body, or an
 * action that the state of the thing does not allow.
 */
public final class ConflictException extends InflowException {
  private static final long serialVersionUID = 1L;

  /** @param message what conflicts; never null */
  public ConflictException(String message) {
    super(message);
  }
}
