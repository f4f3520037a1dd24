package dev.inflow.examples.springboot;

import java.util.List;
import java.util.Optional;

/**
 * The help desk's people, standing in for a company directory: who may sign in, their display
 * names and roles. Roles are Spring Security authorities ({@code ROLE_MODERATOR}); Inflow reads
 * the ones it knows (member, expert, moderator, admin).
 *
 * @param username the login and the user id Inflow stores
 * @param name the display name
 * @param roles Spring Security roles, without the {@code ROLE_} prefix
 */
public record Employee(String username, String name, List<String> roles) {
  /** Everyone in the demo; the password of each is {@code demo}. */
  public static final List<Employee> ALL = List.of(
      new Employee("ana", "Ana Lima", List.of("MEMBER")),
      new Employee("ben", "Ben Okafor", List.of("MEMBER", "EXPERT")),
      new Employee("carla", "Carla Rossi", List.of("MEMBER", "MODERATOR")),
      new Employee("erin", "Erin Meyer", List.of("MEMBER", "ADMIN")));

  /** @return the employee with this login */
  public static Optional<Employee> find(String username) {
    return ALL.stream().filter(e -> e.username().equals(username)).findFirst();
  }
}
