package dev.inflow.core.feed.internal;

import dev.inflow.core.Author;
import dev.inflow.core.feed.Activity;
import dev.inflow.core.feed.ActivityObject;
import dev.inflow.core.spi.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Shapes stored activities (one, or several folded) into what readers see, with an English summary. */
final class ActivityViews {
  /** People named in a folded item; the rest are "and N others". */
  static final int NAMED_ACTORS = 3;

  private ActivityViews() {}

  static Activity single(ActivityRow row, Function<String, Target> targets) {
    return folded(List.of(row), targets);
  }

  /** @param rows one group, newest first; never empty */
  static Activity folded(List<ActivityRow> rows, Function<String, Target> targets) {
    ActivityRow newest = rows.get(0);
    Optional<ActivityObject> target = newest.targetKey().map(key -> {
      Target t = targets.apply(key);
      return new ActivityObject(key, targetType(key), t.title(), t.url());
    });
    ActivityObject object = new ActivityObject(newest.objectId(), newest.objectType(), newest.objectName(),
        newest.objectUrl().or(() -> target.flatMap(ActivityObject::url)));
    Map<String, Author> named = new LinkedHashMap<>();
    int anonymous = 0;
    for (ActivityRow row : rows) {
      if (row.actor().isPresent()) {
        named.putIfAbsent(row.actor().get().id(), row.actor().get());
      } else {
        anonymous++;
      }
    }
    List<Author> actors = new ArrayList<>(named.values());
    int actorCount = actors.size() + anonymous;
    String verb = rows.stream().allMatch(r -> r.verb().equals(newest.verb())) ? newest.verb() : groupVerb(newest.groupKey());
    List<Author> shown = actors.size() > NAMED_ACTORS ? actors.subList(0, NAMED_ACTORS) : actors;
    return new Activity(Long.toString(newest.id()), newest.actor(), verb, object, target, newest.tags(), newest.published(),
        newest.groupKey(), rows.size(), shown, actorCount, summary(actors, actorCount, verb, object, target, rows.size()));
  }

  /** Targets Inflow owns have their own kinds; everything else is the host's business object. */
  static String targetType(String key) {
    if (key.startsWith("question:")) {
      return "question";
    }
    return "target";
  }

  private static String groupVerb(String groupKey) {
    int bar = groupKey.indexOf('|');
    return bar < 0 ? groupKey : groupKey.substring(0, bar);
  }

  static String summary(List<Author> actors, int actorCount, String verb, ActivityObject object, Optional<ActivityObject> target, int count) {
    String who = actors.isEmpty() ? "Someone" : actors.get(0).name();
    if (actorCount == 2 && actors.size() == 2) {
      who += " and " + actors.get(1).name();
    } else if (actorCount > 1) {
      who += " and " + (actorCount - 1) + (actorCount == 2 ? " other" : " others");
    }
    String on = target.map(t -> t.name()).orElse(object.name());
    String what = switch (verb) {
      case "commented" -> "commented on " + on;
      case "replied" -> "replied on " + on;
      case "liked" -> "liked a comment on " + on;
      case "asked" -> "asked “" + object.name() + "”" + target.filter(t -> !t.type().equals("question")).map(t -> " on " + t.name()).orElse("");
      case "answered" -> "answered “" + on + "”";
      case "accepted" -> "accepted an answer to “" + on + "”";
      case "verified" -> "verified an answer to “" + on + "”";
      default -> displayVerb(verb) + " " + object.name() + target.map(t -> " on " + t.name()).orElse("");
    };
    String times = actorCount == 1 && count > 1 ? " (" + count + " times)" : "";
    return who + " " + what + times;
  }

  /** @return the verb as a word: the last segment of an IRI verb, else the verb itself */
  static String displayVerb(String verb) {
    if (verb.startsWith("http://") || verb.startsWith("https://")) {
      String tail = verb.replaceAll("[/#]+$", "");
      return tail.substring(Math.max(tail.lastIndexOf('/'), tail.lastIndexOf('#')) + 1);
    }
    return verb;
  }
}
