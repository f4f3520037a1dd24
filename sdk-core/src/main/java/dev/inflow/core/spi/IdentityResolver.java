package dev.inflow.core.spi;

import dev.inflow.core.Caller;
import dev.inflow.core.Role;
import dev.inflow.core.User;
import java.util.Arrays;
import java.util.Objects;

/**
 * Tells Inflow who is making a request, from the host's own login: the container's principal, a
 * session attribute, a header set by an SSO proxy. Requests carrying a signed bearer token do not
 * reach the resolver: the token says who they are.
 *
 * <p>Implementations must be thread-safe and fast (they run on every request), and must never
 * trust anything a browser can set freely, such as a plain header, unless a proxy in front of the
 * host strips and sets it.
 */
@FunctionalInterface
public interface IdentityResolver {
  /** The session attribute {@link #standard()} reads: a {@link User} the host put there at login. */
  String SESSION_USER_ATTRIBUTE = "dev.inflow.user";

  /**
   * @param request the incoming request; never null
   * @return the caller, {@link Caller#anonymous anonymous} when nobody is signed in; never null
   */
  Caller resolve(HostRequest request);

  /**
   * The default: a {@link User} in the session attribute {@value #SESSION_USER_ATTRIBUTE}, else the
   * container's authenticated principal (with roles from {@code isUserInRole}), else anonymous; all
   * in the {@link Caller#DEFAULT_TENANT default tenant}.
   */
  static IdentityResolver standard() {
    return request -> {
      var sessionUser = request.sessionAttribute(SESSION_USER_ATTRIBUTE).filter(User.class::isInstance).map(User.class::cast);
      if (sessionUser.isPresent()) {
        return Caller.of(Caller.DEFAULT_TENANT, sessionUser.get());
      }
      return request.userPrincipal()
          .map(principal -> Caller.of(Caller.DEFAULT_TENANT, User.builder(principal.getName())
              .roles(Arrays.stream(Role.values()).filter(r -> request.isUserInRole(r.wireName())).toList())
              .build()))
          .orElse(Caller.anonymous(Caller.DEFAULT_TENANT));
    };
  }

  /**
   * For hosts behind an SSO proxy that authenticates every request and sets a header with the user
   * id (and optionally one with the display name). Only safe when the proxy removes these headers
   * from what browsers send.
   *
   * @param userHeader e.g. {@code "X-Remote-User"}
   * @param nameHeader e.g. {@code "X-Remote-Name"}, or null
   */
  static IdentityResolver trustedProxyHeaders(String userHeader, String nameHeader) {
    Objects.requireNonNull(userHeader, "userHeader");
    return request -> request.header(userHeader)
        .filter(id -> !id.isBlank())
        .map(id -> Caller.of(Caller.DEFAULT_TENANT, User.builder(id.strip())
            .name(nameHeader == null ? null : request.header(nameHeader).orElse(null))
            .build()))
        .orElse(Caller.anonymous(Caller.DEFAULT_TENANT));
  }
}
