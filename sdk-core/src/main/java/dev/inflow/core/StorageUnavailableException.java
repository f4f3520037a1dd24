package dev.inflow.core;

/**
 * The database could not be reached or refused work for a reason that is not the request's fault
 * (restart, failover, full pool, no space left). Nothing was written; the same request may be
 * retried later.
 */
public final class StorageUnavailableException extends InflowException {
  private static final long serialVersionUID = 1L;
  private final boolean storageFull;

  /**
   * @param message what failed; never null
   * @param cause the driver's exception
   */
  public StorageUnavailableException(String message, Throwable cause) {
    this(message, cause, false);
  }

  /**
   * @param message what failed; never null
   * @param cause the driver's exception
   * @param storageFull whether the database refused the write for lack of space (disk full, quota,
   *     file-size limit): writes work again only once an operator frees space
   */
  public StorageUnavailableException(String message, Throwable cause, boolean storageFull) {
    super(message, cause);
    this.storageFull = storageFull;
  }

  /**
   * @return whether the database has no space left for the write, as opposed to being unreachable
   *     or read-only; the answer to the caller then names the cause, so that it is not mistaken for
   *     a restart that passes by itself
   */
  public boolean storageFull() {
    return storageFull;
  }
}
