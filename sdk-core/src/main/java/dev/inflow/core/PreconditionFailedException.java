package dev.inflow.core;

/** An edit named a version ({@code If-Match}) that is no longer current; nothing was changed. */
public final class PreconditionFailedException extends InflowException {
  private static final long serialVersionUID = 1L;
  private final long currentVersion;

  /**
   * @param what the thing edited, e.g. {@code "comment 42"}
   * @param currentVersion the version now stored, so the caller can reload and retry
   */
  public PreconditionFailedException(String what, long currentVersion) {
    super(what + " was changed by someone else (now at version " + currentVersion + "); reload and retry");
    this.currentVersion = currentVersion;
  }

  /** @return the version now stored */
  public long currentVersion() {
    return currentVersion;
  }
}
