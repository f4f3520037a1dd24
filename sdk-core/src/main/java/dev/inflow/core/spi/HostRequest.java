package dev.inflow.core.spi;

import java.security.Principal;
import java.util.Optional;

/**
 * The parts of an incoming HTTP request an {@link IdentityResolver} may look at. Core has no
 * servlet API; the servlet module adapts {@code HttpServletRequest} to this, and {@link #unwrap}
 * hands the original back to hosts that need more.
 *
 * <p>Implementations are used by one thread, during one request.
 */
public interface HostRequest {
  /** @return the first value of the header, if present */
  Optional<String> header(String name);

  /** @return the principal the container authenticated, if any */
  Optional<Principal> userPrincipal();

  /** @return whether the container says the user holds this role */
  boolean isUserInRole(String role);

  /** @return the attribute of the existing session, if there is a session and it holds one */
  Optional<Object> sessionAttribute(String name);

  /**
   * @param type e.g. {@code jakarta.servlet.http.HttpServletRequest.class}
   * @return the underlying request object, if it is of that type
   */
  <T> Optional<T> unwrap(Class<T> type);
}
