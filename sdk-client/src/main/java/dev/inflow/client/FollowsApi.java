package dev.inflow.client;

import dev.inflow.client.internal.ApiCall;
import dev.inflow.client.internal.ApiPath;
import dev.inflow.client.internal.CommentJson;
import dev.inflow.client.internal.Paging;
import dev.inflow.client.internal.ResourceJson;
import dev.inflow.client.internal.Transport;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the signed-in user follows (people, topics, targets) and mutes (targets), from
 * {@link InflowClient#follows()}. Following and muting are idempotent: doing it twice changes
 * nothing, so these calls are retried like reads.
 *
 * <p>Thread-safe; share it with the client.
 */
public final class FollowsApi {
  private final Transport transport;

  FollowsApi(Transport transport) {
    this.transport = transport;
  }

  /**
   * @param kind only follows of this kind; empty for all
   * @return one page of the user's follows
   */
  public Page<Follow> list(Optional<FollowKind> kind, PageOptions page) {
    ApiCall call = ApiCall.get(ApiPath.v1("follows")).query("limit", Integer.toString(page.limit()));
    if (kind.isPresent()) {
      call = call.query("kind", kind.get().wireName());
    }
    if (page.cursor().isPresent()) {
      call = call.query("cursor", page.cursor().get());
    }
    return transport.call(call, CommentJson.page(ResourceJson::follow));
  }

  /** @return every follow of the user, fetched page by page as the stream is consumed */
  public Stream<Follow> stream(Optional<FollowKind> kind) {
    PageOptions first = PageOptions.first().limit(50);
    return Paging.stream(first.cursor(), cursor -> list(kind, first.at(cursor)));
  }

  /** @return whether the user follows (and, for targets, has muted) the thing */
  public FollowStatus status(FollowKind kind, String id) {
    return transport.call(ApiCall.get(followPath(kind, id)), ResourceJson::followStatus);
  }

  /**
   * Follows a person (user id), topic (tag) or target (key).
   *
   * @return the follow
   * @throws InvalidRequestException for an id of the wrong shape, e.g. an invalid tag
   */
  public Follow follow(FollowKind kind, String id) {
    return transport.call(ApiCall.put(followPath(kind, id)), ResourceJson::follow);
  }

  /** Stops following; nothing changes when the user did not follow it. */
  public void unfollow(FollowKind kind, String id) {
    transport.call(ApiCall.delete(followPath(kind, id)), null);
  }

  /** @return one page of the targets the user muted */
  public Page<Mute> mutes(PageOptions page) {
    ApiCall call = ApiCall.get(ApiPath.v1("mutes")).query("limit", Integer.toString(page.limit()));
    if (page.cursor().isPresent()) {
      call = call.query("cursor", page.cursor().get());
    }
    return transport.call(call, CommentJson.page(ResourceJson::mute));
  }

  /** Mutes a target: its activities stay out of the user's home feed and notifications. */
  public Mute mute(String targetKey) {
    return transport.call(ApiCall.put(ApiPath.v1("mutes").targetKey(targetKey)), ResourceJson::mute);
  }

  /** Unmutes a target; nothing changes when it was not muted. */
  public void unmute(String targetKey) {
    transport.call(ApiCall.delete(ApiPath.v1("mutes").targetKey(targetKey)), null);
  }

  private static ApiPath followPath(FollowKind kind, String id) {
    ApiPath path = ApiPath.v1("follows", kind.wireName());
    // Target keys keep their '/' as path segments, like everywhere else; user ids and tags are one segment.
    return kind == FollowKind.TARGET ? path.targetKey(id) : path.segment("id", id);
  }
}
