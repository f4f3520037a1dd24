package dev.inflow.servlet.internal.live;

import dev.inflow.core.Caller;
import dev.inflow.core.InvalidInputException;
import dev.inflow.core.event.Event;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * What the topics clients subscribe to mean, per feature: {@code target:{key}} is registered by
 * comments, later features add {@code question:}, {@code feed:}, {@code notifications}. A resolver
 * checks that the caller may subscribe (throwing the same exceptions as a REST read would) and says
 * which stored topic carries the events and how to re-check each event for this caller.
 *
 * <p>Thread-safe.
 */
public final class LiveTopics {
  /**
   * A client topic resolved for one caller.
   *
   * @param name the topic as the client named it, used in frames
   * @param stored the topic events are recorded under
   * @param visible whether an event may still go to this caller (access can be withdrawn later);
   *     false ends the subscription with an error
   * @param wanted whether the event belongs to this client topic at all; false skips it silently
   *     (feed topics pick their activities out of one stored topic shared by the whole tenant)
   */
  public record Resolved(String name, String stored, Predicate<Event> visible, Predicate<Event> wanted) {
    /** A topic whose stored events all belong to it. */
    public Resolved(String name, String stored, Predicate<Event> visible) {
      this(name, stored, visible, event -> true);
    }
  }

  /** Resolves the part after the prefix ({@code "order:4711"} of {@code "target:order:4711"}). */
  @FunctionalInterface
  public interface Resolver {
    Resolved resolve(Caller caller, String name, String argument);
  }

  private final Map<String, Resolver> resolvers = new ConcurrentHashMap<>();

  /** @param prefix e.g. {@code "target"} for {@code target:...}, or a whole topic name such as {@code "notifications"} */
  public LiveTopics register(String prefix, Resolver resolver) {
    if (resolvers.putIfAbsent(prefix, resolver) != null) {
      throw new IllegalStateException("live topic prefix " + prefix + " is already registered");
    }
    return this;
  }

  /**
   * @throws InvalidInputException for unknown topics
   * @throws dev.inflow.core.NotFoundException or SignInRequiredException when the caller may not read it
   */
  public Resolved resolve(Caller caller, String topic) {
    if (topic == null || topic.isBlank() || topic.length() > 300) {
      throw new InvalidInputException("topics", "a topic is a non-empty name of at most 300 characters");
    }
    int colon = topic.indexOf(':');
    String prefix = colon < 0 ? topic : topic.substring(0, colon);
    Resolver resolver = resolvers.get(prefix);
    if (resolver == null) {
      throw new InvalidInputException("topics", "unknown topic '" + topic + "'; topics start with one of " + resolvers.keySet());
    }
    return resolver.resolve(caller, topic, colon < 0 ? "" : topic.substring(colon + 1));
  }
}
