package dev.inflow.core.spi;

import dev.inflow.core.Caller;

/**
 * The host's answer to "may this caller read / write / moderate this target?". Inflow asks on
 * every read and every write. A target the caller may not read is reported as not found.
 *
 * <p>Implementations must be thread-safe and fast; cache in the host if the answer is expensive.
 */
public interface AccessPolicy {
  /**
   * @param caller who asks; never null
   * @param targetKey the target, e.g. {@code "order:4711"}; never null
   * @return whether the caller may see the target's comments, questions and activity
   */
  boolean canRead(Caller caller, String targetKey);

  /**
   * Only asked when {@link #canRead} said yes.
   *
   * @return whether the caller may post, react and flag on the target
   */
  boolean canWrite(Caller caller, String targetKey);

  /**
   * Only asked when {@link #canRead} said yes. The default allows tenant moderators and admins.
   *
   * @return whether the caller may approve, hide and remove others' content on the target
   */
  default boolean canModerate(Caller caller, String targetKey) {
    return caller.isModerator();
  }

  /** The default: every signed-in user of the tenant may read and write every target; anonymous callers see nothing. */
  static AccessPolicy signedInUsers() {
    return new AccessPolicy() {
      @Override
      public boolean canRead(Caller caller, String targetKey) {
        return caller.signedIn();
      }

      @Override
      public boolean canWrite(Caller caller, String targetKey) {
        return caller.signedIn();
      }
    };
  }

  /** Anonymous callers may read everything (a public site); signed-in users may write. */
  static AccessPolicy publicRead() {
    return new AccessPolicy() {
      @Override
      public boolean canRead(Caller caller, String targetKey) {
        return true;
      }

      @Override
      public boolean canWrite(Caller caller, String targetKey) {
        return caller.signedIn();
      }
    };
  }
}
