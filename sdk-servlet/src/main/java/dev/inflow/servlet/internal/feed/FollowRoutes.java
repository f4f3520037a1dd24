package dev.inflow.servlet.internal.feed;

import dev.inflow.core.feed.FollowKind;
import dev.inflow.core.feed.Follows;
import dev.inflow.servlet.internal.http.Exchange;
import dev.inflow.servlet.internal.http.Reply;
import dev.inflow.servlet.internal.http.Route.Access;
import dev.inflow.servlet.internal.http.Router;
import java.util.LinkedHashMap;
import java.util.Map;

/** Follows and mutes of the signed-in caller: {@code /api/v1/follows} and {@code /api/v1/mutes}. */
public final class FollowRoutes {
  private final Follows follows;

  private FollowRoutes(Follows follows) {
    this.follows = follows;
  }

  public static void register(Router router, Follows follows) {
    FollowRoutes r = new FollowRoutes(follows);
    router.add("GET", "/api/v1/follows", Access.READ, r::list)
        .add("GET", "/api/v1/follows/{kind}/{id+}", Access.READ, r::status)
        .add("PUT", "/api/v1/follows/{kind}/{id+}", Access.WRITE, r::follow)
        .add("DELETE", "/api/v1/follows/{kind}/{id+}", Access.WRITE, r::unfollow)
        .add("GET", "/api/v1/mutes", Access.READ, r::mutes)
        .add("PUT", "/api/v1/mutes/{key+}", Access.WRITE, r::mute)
        .add("DELETE", "/api/v1/mutes/{key+}", Access.WRITE, r::unmute);
  }

  private Reply list(Exchange ex) {
    return Reply.ok(follows.list(ex.caller(), ex.query("kind").map(FollowKind::parse), ex.page(50)));
  }

  private Reply status(Exchange ex) {
    FollowKind kind = FollowKind.parse(ex.path("kind"));
    String id = ex.path("id");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("kind", kind);
    body.put("id", id);
    body.put("following", follows.isFollowing(ex.caller(), kind, id));
    body.put("muted", kind == FollowKind.TARGET && follows.isMuted(ex.caller(), id));
    return Reply.ok(body);
  }

  private Reply follow(Exchange ex) {
    return Reply.ok(follows.follow(ex.caller(), FollowKind.parse(ex.path("kind")), ex.path("id")));
  }

  private Reply unfollow(Exchange ex) {
    follows.unfollow(ex.caller(), FollowKind.parse(ex.path("kind")), ex.path("id"));
    return Reply.noContent();
  }

  private Reply mutes(Exchange ex) {
    return Reply.ok(follows.mutes(ex.caller(), ex.page(50)));
  }

  private Reply mute(Exchange ex) {
    return Reply.ok(follows.mute(ex.caller(), ex.path("key")));
  }

  private Reply unmute(Exchange ex) {
    follows.unmute(ex.caller(), ex.path("key"));
    return Reply.noContent();
  }
}
