package dev.inflow.examples.intranet;

import dev.inflow.core.Role;
import dev.inflow.core.User;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The people of the demo. The demo has no single sign-on, so the header lets a visitor be any of
 * them; a real host would take the user from its own login instead.
 */
final class DemoUsers {
  static final User ANA = User.builder("ana").name("Ana Lima").build();
  static final User BEN = User.builder("ben").name("Ben Okafor").roles(Role.EXPERT).expertise(List.of("vpn", "travel")).build();
  static final User CARLA = User.builder("carla").name("Carla Rossi").roles(Role.MODERATOR).build();
  static final User DEV = User.builder("dev").name("Dev Patel").roles(Role.EXPERT).expertise(List.of("java")).build();
  static final User ERIN = User.builder("erin").name("Erin Meyer").roles(Role.ADMIN).build();

  /** Everyone, in the order of the user switcher. */
  static final List<User> ALL = List.of(ANA, BEN, CARLA, DEV, ERIN);

  /** Who a first-time visitor is. */
  static final User DEFAULT = ANA;

  private DemoUsers() {}

  /** @return the demo user with this id */
  static Optional<User> byId(String id) {
    return ALL.stream().filter(u -> u.id().equals(id)).findFirst();
  }

  /** @return e.g. "Ben Okafor – expert in travel, vpn" */
  static String label(User user) {
    String role;
    if (user.hasRole(Role.ADMIN)) {
      role = "admin";
    } else if (user.hasRole(Role.MODERATOR)) {
      role = "moderator";
    } else if (user.hasRole(Role.EXPERT)) {
      role = "expert in " + user.expertise().stream().sorted().collect(Collectors.joining(", "));
    } else {
      role = "member";
    }
    return user.name() + " – " + role;
  }
}
