package dev.inflow.core.feed;

import java.util.Objects;
import java.util.Optional;

/**
 * The object or the target of an activity, as a reader sees it.
 *
 * @param id what it is: {@code comment:42}, {@code question:7}, a target key such as
 *     {@code order:4711}, or the host's id ({@code course:java-101})
 * @param type its kind: {@code comment}, {@code question}, {@code answer}, {@code target}, or the
 *     host's ({@code course})
 * @param name what to show, e.g. "Order 4711" or the first words of a comment
 * @param url where it lives in the host app, if known (http or https)
 */
public record ActivityObject(String id, String type, String name, Optional<String> url) {
  public ActivityObject {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
  }
}
