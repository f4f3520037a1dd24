package dev.inflow.core;

/**
 * The thing asked for does not exist, or exists but the caller may not read it. Both cases look
 * the same on purpose, so that ids cannot be probed across targets or tenants.
 */
public final class NotFoundException extends InflowException {
  private static final long serialVersionUID = 1L;

  /** @param what a short description such as {@code "comment 42"}; never null */
  public NotFoundException(String what) {
    super(what + " was not found");
  }
}
