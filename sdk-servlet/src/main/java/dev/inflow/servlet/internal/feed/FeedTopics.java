package dev.inflow.servlet.internal.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.inflow.core.Caller;
import dev.inflow.core.InvalidInputException;
import dev.inflow.core.event.Event;
import dev.inflow.core.feed.internal.ActivityRecorder;
import dev.inflow.core.feed.internal.DefaultFollows;
import dev.inflow.core.feed.internal.Tags;
import dev.inflow.core.internal.Platform;
import dev.inflow.core.internal.json.Json;
import dev.inflow.core.target.internal.TargetKeys;
import dev.inflow.servlet.internal.live.LiveTopics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The live topics of feeds: {@code feed:home}, {@code feed:target:{key}}, {@code feed:topic:{tag}}
 * (also {@code topic:{tag}}) and {@code feed:user:{id}}. Every activity of a tenant is one event
 * on the stored topic {@value ActivityRecorder#TOPIC}; each subscription picks out what belongs
 * in its feed and what the caller may read, so an activity costs one event however many feeds
 * show it.
 */
public final class FeedTopics {
  /** What a subscription needs to know of an activity event, parsed once per event for all subscribers. */
  private record Info(Optional<String> actorId, Optional<String> targetKey, List<String> tags) {}

  private final Platform platform;
  private final DefaultFollows follows;
  private final Cache<Long, Info> parsed = Caffeine.newBuilder().maximumSize(2_000).build();

  private FeedTopics(Platform platform, DefaultFollows follows) {
    this.platform = platform;
    this.follows = follows;
  }

  public static void register(LiveTopics topics, Platform platform, DefaultFollows follows) {
    FeedTopics t = new FeedTopics(platform, follows);
    topics.register("feed", t::feed).register("topic", (caller, name, tag) -> t.topic(caller, name, tag));
  }

  private LiveTopics.Resolved feed(Caller caller, String name, String argument) {
    int colon = argument.indexOf(':');
    String kind = colon < 0 ? argument : argument.substring(0, colon);
    String value = colon < 0 ? "" : argument.substring(colon + 1);
    return switch (kind) {
      case "home" -> {
        String userId = caller.requireUser("follow your home feed live").id();
        yield resolved(name, caller, info -> follows.snapshot(caller.tenantId(), userId).wants(info.actorId(), info.targetKey(), info.tags()));
      }
      case "target" -> {
        TargetKeys.requireValid("topics", value);
        platform.requireReadable(caller, value, "target " + value);
        yield new LiveTopics.Resolved(name, ActivityRecorder.TOPIC, event -> platform.accessPolicy().canRead(caller, value),
            event -> info(event).targetKey().filter(value::equals).isPresent());
      }
      case "topic" -> topic(caller, name, value);
      case "user" -> {
        if (value.isEmpty()) {
          throw new InvalidInputException("topics", "feed:user: needs a user id, e.g. feed:user:ana");
        }
        yield resolved(name, caller, info -> info.actorId().filter(value::equals).isPresent());
      }
      default -> throw new InvalidInputException("topics", "feed topics are feed:home, feed:target:{key}, feed:topic:{tag} and feed:user:{id}");
    };
  }

  private LiveTopics.Resolved topic(Caller caller, String name, String tag) {
    String topic = Tags.requireValid("topics", tag);
    return resolved(name, caller, info -> info.tags().contains(topic));
  }

  /** A feed of the shared stream: the event must belong to it and be readable; unreadable ones are skipped, not fatal. */
  private LiveTopics.Resolved resolved(String name, Caller caller, Predicate<Info> belongs) {
    return new LiveTopics.Resolved(name, ActivityRecorder.TOPIC, event -> true,
        event -> belongs.test(info(event)) && readable(caller, event));
  }

  private boolean readable(Caller caller, Event event) {
    return event.targetKey().map(key -> platform.accessPolicy().canRead(caller, key)).orElse(caller.signedIn());
  }

  private Info info(Event event) {
    return parsed.get(event.seq(), seq -> {
      try {
        JsonNode activity = Json.MAPPER.readTree(event.payload()).path("activity");
        List<String> tags = new ArrayList<>();
        activity.path("tags").forEach(t -> tags.add(t.asText()));
        return new Info(text(activity.at("/actor/id")), text(activity.at("/target/id")), tags);
      } catch (IOException e) {
        return new Info(Optional.empty(), Optional.empty(), List.of());
      }
    });
  }

  private static Optional<String> text(JsonNode node) {
    return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
  }
}
