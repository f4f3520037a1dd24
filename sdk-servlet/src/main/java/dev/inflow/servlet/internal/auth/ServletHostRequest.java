package dev.inflow.servlet.internal.auth;

import dev.inflow.core.spi.HostRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import java.util.Optional;

/** The servlet request seen through the core's {@link HostRequest}. */
public final class ServletHostRequest implements HostRequest {
  private final HttpServletRequest request;

  public ServletHostRequest(HttpServletRequest request) {
    this.request = request;
  }

  @Override
  public Optional<String> header(String name) {
    return Optional.ofNullable(request.getHeader(name));
  }

  @Override
  public Optional<Principal> userPrincipal() {
    return Optional.ofNullable(request.getUserPrincipal());
  }

  @Override
  public boolean isUserInRole(String role) {
    return request.isUserInRole(role);
  }

  @Override
  public Optional<Object> sessionAttribute(String name) {
    HttpSession session = request.getSession(false);
    return session == null ? Optional.empty() : Optional.ofNullable(session.getAttribute(name));
  }

  @Override
  public <T> Optional<T> unwrap(Class<T> type) {
    return type.isInstance(request) ? Optional.of(type.cast(request)) : Optional.empty();
  }
}
