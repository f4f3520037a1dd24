package dev.inflow.core.testing;

import dev.inflow.core.Caller;
import dev.inflow.core.Role;
import dev.inflow.core.User;

/** Callers for tests, in the default tenant unless a test says otherwise. */
public final class People {
  public static final Caller ANA = Caller.of("default", User.builder("ana").name("Ana Lima").build());
  public static final Caller BEN = Caller.of("default", User.builder("ben").name("Ben Okafor").roles(Role.EXPERT).build());
  public static final Caller CARLA = Caller.of("default", User.builder("carla").name("Carla Rossi").roles(Role.MODERATOR).build());
  public static final Caller DEV = Caller.of("default", User.builder("dev").name("Dev Patel").build());
  public static final Caller ANONYMOUS = Caller.anonymous("default");

  private People() {}

  /** @return a signed-in member with the given id */
  public static Caller member(String id) {
    return Caller.of("default", User.of(id, id));
  }

  /** @return the same user in another tenant */
  public static Caller inTenant(String tenant, Caller caller) {
    return Caller.of(tenant, caller.user().orElseThrow());
  }
}
