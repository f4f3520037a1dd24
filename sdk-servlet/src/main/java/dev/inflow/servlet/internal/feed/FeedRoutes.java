package dev.inflow.servlet.internal.feed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inflow.core.Caller;
import dev.inflow.core.Created;
import dev.inflow.core.Page;
import dev.inflow.core.feed.Activity;
import dev.inflow.core.feed.Feeds;
import dev.inflow.core.feed.FollowKind;
import dev.inflow.core.feed.Follows;
import dev.inflow.servlet.internal.http.Exchange;
import dev.inflow.servlet.internal.http.Reply;
import dev.inflow.servlet.internal.http.Route.Access;
import dev.inflow.servlet.internal.http.Router;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The feed endpoints of API v1: the four feeds, publishing and reading activities. Every feed
 * answers Inflow's JSON ({@code {items, next}}, plus whether the caller follows what the feed is
 * about) or, asked for {@code application/activity+json}, Activity Streams 2.0.
 */
public final class FeedRoutes {
  private final Feeds feeds;
  private final Follows follows;

  private FeedRoutes(Feeds feeds, Follows follows) {
    this.feeds = feeds;
    this.follows = follows;
  }

  public static void register(Router router, Feeds feeds, Follows follows) {
    FeedRoutes r = new FeedRoutes(feeds, follows);
    router.add("GET", "/api/v1/feed", Access.READ, r::home)
        .add("GET", "/api/v1/feed/targets/{key+}", Access.READ, r::target)
        .add("GET", "/api/v1/feed/topics/{tag}", Access.READ, r::topic)
        .add("GET", "/api/v1/feed/users/{id}", Access.READ, r::user)
        .add("POST", "/api/v1/activities", Access.WRITE, r::publish)
        .add("GET", "/api/v1/activities/{id}", Access.READ, r::get);
  }

  private Reply home(Exchange ex) {
    return page(ex, feeds.home(ex.caller(), ex.page(20)), Map.of());
  }

  private Reply target(Exchange ex) {
    Caller caller = ex.caller();
    String key = ex.path("key");
    Page<Activity> page = feeds.target(caller, key, ex.page(20));
    Map<String, Object> about = new LinkedHashMap<>();
    about.put("following", follows.isFollowing(caller, FollowKind.TARGET, key));
    about.put("muted", follows.isMuted(caller, key));
    return page(ex, page, about);
  }

  private Reply topic(Exchange ex) {
    Page<Activity> page = feeds.topic(ex.caller(), ex.path("tag"), ex.page(20));
    return page(ex, page, Map.of("following", follows.isFollowing(ex.caller(), FollowKind.TOPIC, ex.path("tag"))));
  }

  private Reply user(Exchange ex) {
    Page<Activity> page = feeds.user(ex.caller(), ex.path("id"), ex.page(20));
    boolean self = ex.caller().userId().equals(Optional.of(ex.path("id")));
    return page(ex, page, Map.of("following", !self && follows.isFollowing(ex.caller(), FollowKind.USER, ex.path("id"))));
  }

  private Reply publish(Exchange ex) throws Exception {
    Created<Activity> created = feeds.publish(ex.caller(), PublishBody.read(ex.body(JsonNode.class)), ex.idempotencyKey());
    Reply reply = (ActivityStreams.wanted(ex.header("Accept"))
        ? ActivityStreams.reply(201, ActivityStreams.single(created.value(), base(ex.request())))
        : Reply.json(201, created.value()))
        .header("Location", ex.request().getContextPath() + ex.request().getServletPath() + "/api/v1/activities/" + created.value().id());
    return created.replayed() ? reply.header("Idempotent-Replayed", "true") : reply;
  }

  private Reply get(Exchange ex) {
    Activity activity = feeds.get(ex.caller(), ex.path("id"));
    if (ActivityStreams.wanted(ex.header("Accept"))) {
      return ActivityStreams.reply(200, ActivityStreams.single(activity, base(ex.request())));
    }
    return Reply.ok(activity);
  }

  private static Reply page(Exchange ex, Page<Activity> page, Map<String, Object> about) {
    HttpServletRequest request = ex.request();
    if (ActivityStreams.wanted(ex.header("Accept"))) {
      String self = request.getRequestURL() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
      Optional<String> next = page.next().map(cursor -> request.getRequestURL() + "?cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)
          + ex.query("limit").map(l -> "&limit=" + URLEncoder.encode(l, StandardCharsets.UTF_8)).orElse(""));
      return ActivityStreams.reply(200, ActivityStreams.page(page, base(request), self, next));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("items", page.items());
    body.put("next", page.next().orElse(null));
    body.putAll(about);
    return Reply.ok(body);
  }

  /** @return the absolute URL Inflow is mounted at, e.g. {@code https://intranet.example/inflow} */
  private static String base(HttpServletRequest request) {
    String url = request.getRequestURL().toString();
    String path = request.getRequestURI();
    return url.substring(0, url.length() - path.length()) + request.getContextPath() + request.getServletPath();
  }
}
