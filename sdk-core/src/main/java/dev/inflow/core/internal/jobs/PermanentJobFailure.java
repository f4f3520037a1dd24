package dev.inflow.core.internal.jobs;

/** A job failed in a way retrying cannot fix (e.g. the receiver answered 4xx); it is dead-lettered. */
public final class PermanentJobFailure extends Exception {
  private static final long serialVersionUID = 1L;

  public PermanentJobFailure(String message) {
    super(message);
  }
}
