package dev.inflow.core.question;

import dev.inflow.core.Caller;
import java.util.List;
import java.util.Optional;

/**
 * The experts directory: who knows what, from declared expertise (the user's profile or token, the
 * host's {@link dev.inflow.core.spi.UserDirectory}, administrators) and from answers people
 * accepted, verified and up-voted, which count less as they age. Questions are routed from here.
 * Readable by every signed-in user.
 *
 * <p>Thread-safe.
 */
public interface Experts {
  /**
   * @param tag rank for this tag; empty ranks over all tags (the host's directory is then not asked)
   * @param limit 1–100
   * @return experts, best first, with their reasons
   */
  List<Expert> list(Caller caller, Optional<String> tag, int limit);

  /**
   * Sets the tags an administrator declares for a user (replacing earlier ones set this way; the
   * user's own profile and the host's directory are not changed). Administrators only.
   *
   * @return the user as an expert, over all tags
   */
  Expert declare(Caller caller, String userId, List<String> tags);

  /**
   * Marks a user away or back. Users set it for themselves, administrators for anyone.
   *
   * @return the user as an expert, over all tags
   */
  Expert setAway(Caller caller, String userId, boolean away);
}
