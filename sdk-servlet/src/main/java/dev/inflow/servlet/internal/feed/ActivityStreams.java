package dev.inflow.servlet.internal.feed;

import dev.inflow.core.Author;
import dev.inflow.core.Page;
import dev.inflow.core.feed.Activity;
import dev.inflow.core.feed.ActivityObject;
import dev.inflow.servlet.internal.http.Reply;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Activities in Activity Streams 2.0, for clients that ask with
 * {@code Accept: application/activity+json}: a page is an {@code OrderedCollectionPage}, each
 * activity typed by its verb ({@code Create}, {@code Like}, {@code Accept}, or a plain
 * {@code Activity}), with Inflow's own verb and fold count under the {@code inflow:} prefix.
 */
final class ActivityStreams {
  static final String CONTENT_TYPE = "application/activity+json";
  static final String CONTEXT = "https://www.w3.org/ns/activitystreams";
  private static final List<Object> CONTEXTS = List.of(CONTEXT, Map.of("inflow", "https://inflow.dev/ns#"));

  private ActivityStreams() {}

  /** @return a reply of the Activity Streams content type */
  static Reply reply(int status, Map<String, Object> body) {
    return new Reply(status, Map.of(), body, null, CONTENT_TYPE);
  }

  /** @return whether the client prefers Activity Streams to Inflow's own JSON */
  static boolean wanted(Optional<String> accept) {
    return accept.map(a -> a.toLowerCase(Locale.ROOT)).filter(a -> a.contains(CONTENT_TYPE)
        || (a.contains("application/ld+json") && a.contains("activitystreams"))).isPresent();
  }

  /**
   * @param base the API's absolute base, e.g. {@code https://intranet.example/inflow}
   * @param self this page's absolute URL
   * @param next the next page's absolute URL, if any
   */
  static Map<String, Object> page(Page<Activity> page, String base, String self, Optional<String> next) {
    Map<String, Object> collection = new LinkedHashMap<>();
    collection.put("@context", CONTEXTS);
    collection.put("type", "OrderedCollectionPage");
    collection.put("id", self);
    next.ifPresent(n -> collection.put("next", n));
    List<Object> items = new ArrayList<>();
    for (Activity a : page.items()) {
      items.add(activity(a, base));
    }
    collection.put("orderedItems", items);
    return collection;
  }

  static Map<String, Object> single(Activity a, String base) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("@context", CONTEXTS);
    item.putAll(activity(a, base));
    return item;
  }

  private static Map<String, Object> activity(Activity a, String base) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("id", base + "/api/v1/activities/" + a.id());
    item.put("type", type(a.verb()));
    item.put("inflow:verb", a.verb());
    item.put("summary", a.summary());
    List<Object> actors = a.actors().stream().<Object>map(actor -> person(actor, base)).toList();
    if (actors.size() == 1) {
      item.put("actor", actors.get(0));
    } else if (!actors.isEmpty()) {
      item.put("actor", actors);
    }
    item.put("object", object(a.object(), base));
    a.target().ifPresent(t -> item.put("target", object(t, base)));
    item.put("published", a.published().toString());
    if (!a.tags().isEmpty()) {
      item.put("tag", a.tags().stream().map(t -> Map.of("type", "Hashtag", "name", "#" + t,
          "href", base + "/api/v1/feed/topics/" + encode(t))).toList());
    }
    if (a.count() > 1) {
      item.put("inflow:count", a.count());
      item.put("inflow:actorCount", a.actorCount());
    }
    return item;
  }

  private static Map<String, Object> person(Author actor, String base) {
    Map<String, Object> person = new LinkedHashMap<>();
    person.put("type", "Person");
    person.put("id", base + "/api/v1/feed/users/" + encode(actor.id()));
    person.put("name", actor.name());
    actor.avatarUrl().ifPresent(url -> person.put("icon", Map.of("type", "Image", "url", url)));
    return person;
  }

  private static Map<String, Object> object(ActivityObject o, String base) {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("type", switch (o.type()) {
      case "comment", "answer" -> "Note";
      case "question" -> "Question";
      default -> "Object";
    });
    object.put("id", iri(o, base));
    object.put("name", o.name());
    o.url().ifPresent(url -> object.put("url", url));
    return object;
  }

  private static String iri(ActivityObject o, String base) {
    String id = o.id();
    if (id.startsWith("http://") || id.startsWith("https://")) {
      return id;
    }
    if (id.startsWith("comment:")) {
      return base + "/api/v1/comments/" + encode(id.substring("comment:".length()));
    }
    if (o.type().equals("target") || o.type().equals("question")) {
      return base + "/api/v1/feed/targets/" + id;
    }
    return "urn:inflow:object:" + encode(id);
  }

  private static String type(String verb) {
    return switch (verb) {
      case "commented", "replied", "asked", "answered" -> "Create";
      case "liked" -> "Like";
      case "accepted", "verified" -> "Accept";
      case "shared" -> "Announce";
      default -> "Activity";
    };
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
