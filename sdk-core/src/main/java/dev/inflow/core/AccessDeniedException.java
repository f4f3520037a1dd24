package dev.inflow.core;

/** The caller can see the thing but may not do this to it (edit someone else's comment, moderate). */
public final class AccessDeniedException extends InflowException {
  private static final long serialVersionUID = 1L;

  /** @param message why, in words the caller understands; never null */
  public AccessDeniedException(String message) {
    super(message);
  }
}
