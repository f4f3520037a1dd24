package dev.inflow.core;

/**
 * The database could not be reached or refused work for a passing reason (restart, failover,
 * full pool). Nothing was written; the same request may be retried.
 */
public final class StorageUnavailableException extends InflowException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what failed; never null
   * @param cause the driver's exception
   */
  public StorageUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
