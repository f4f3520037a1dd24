package dev.inflow.core;

/**
 * Root of every exception Inflow throws on purpose. Unchecked, because a host can rarely do more
 * than report it; the servlet module maps each subclass to one HTTP problem type.
 *
 * <p>A plain {@code InflowException} (not a subclass) means an internal failure: a bug or an
 * unexpected database error. Subclasses name the caller's mistake or a passing condition.
 */
public class InflowException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what went wrong, readable by the person who caused it; never null
   */
  public InflowException(String message) {
    super(message);
  }

  /**
   * @param message what went wrong; never null
   * @param cause the underlying failure, may be null
   */
  public InflowException(String message, Throwable cause) {
    super(message, cause);
  }
}
