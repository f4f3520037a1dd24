package dev.inflow.examples.springboot;

import dev.inflow.core.Caller;
import dev.inflow.core.Role;
import dev.inflow.core.User;
import dev.inflow.core.spi.HostRequest;
import dev.inflow.core.spi.IdentityResolver;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is signed in, as Spring Security says: the authenticated principal's name is the user id,
 * the directory gives the display name, and the authorities {@code ROLE_EXPERT},
 * {@code ROLE_MODERATOR}, {@code ROLE_ADMIN} become Inflow's roles. Spring Security's filters run
 * before Inflow's servlet, so the security context is set for every Inflow request.
 */
public final class SpringSecurityIdentity implements IdentityResolver {
  @Override
  public Caller resolve(HostRequest request) {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
      return Caller.anonymous(Caller.DEFAULT_TENANT);
    }
    List<Role> roles = auth.getAuthorities().stream()
        .map(GrantedAuthority::getAuthority)
        .map(a -> a.replaceFirst("^ROLE_", ""))
        .map(Role::fromWireName)
        .flatMap(Optional::stream)
        .toList();
    String name = Employee.find(auth.getName()).map(Employee::name).orElse(auth.getName());
    return Caller.of(Caller.DEFAULT_TENANT, User.builder(auth.getName()).name(name).roles(roles).build());
  }
}
