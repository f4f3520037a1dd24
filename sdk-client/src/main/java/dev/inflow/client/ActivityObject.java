package dev.inflow.client;

import java.util.Objects;
import java.util.Optional;

/**
 * What an activity was done to, or where: {@code course:java-101 "Java 101"}.
 *
 * @param id the object's id or target key
 * @param type e.g. {@code course}, {@code comment}, {@code question}
 * @param name what people call it
 * @param url where it lives, if known
 */
public record ActivityObject(String id, String type, String name, Optional<String> url) {
  /** @throws NullPointerException when a component is null */
  public ActivityObject {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
  }
}
