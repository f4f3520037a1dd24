package dev.inflow.core.feed.internal;

import dev.inflow.core.AccessDeniedException;
import dev.inflow.core.Author;
import dev.inflow.core.Caller;
import dev.inflow.core.Created;
import dev.inflow.core.InvalidInputException;
import dev.inflow.core.NotFoundException;
import dev.inflow.core.Page;
import dev.inflow.core.PageRequest;
import dev.inflow.core.Role;
import dev.inflow.core.User;
import dev.inflow.core.feed.Activity;
import dev.inflow.core.feed.Feeds;
import dev.inflow.core.feed.NewActivity;
import dev.inflow.core.internal.Platform;
import dev.inflow.core.internal.idempotency.IdempotencyKeys;
import dev.inflow.core.target.internal.TargetKeys;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Feeds on H2 or PostgreSQL; see {@link Feeds} for the contract. */
public final class DefaultFeeds implements Feeds {
  private final Platform platform;
  private final ActivityRecorder recorder;
  private final FeedPager pager;

  DefaultFeeds(Platform platform, ActivityRecorder recorder, FeedPager pager) {
    this.platform = platform;
    this.recorder = recorder;
    this.pager = pager;
  }

  @Override
  public Created<Activity> publish(Caller caller, NewActivity input, Optional<String> idempotencyKey) {
    User service = caller.requireUser("publish activities");
    if (!service.hasRole(Role.SERVICE)) {
      throw new AccessDeniedException("only a host backend with a service token (roles: service) may publish activities");
    }
    idempotencyKey.ifPresent(IdempotencyKeys::requireValid);
    String tenant = caller.tenantId();
    User actor = actor(tenant, service, input);
    HostActivities.Checked checked = HostActivities.check(input, Author.of(actor));
    ActivityDraft draft = checked.draft();
    platform.rateLimiter().acquireWrite(Caller.of(tenant, actor));
    String requestHash = IdempotencyKeys.hash(draft.actor().map(Author::id), draft.verb(), draft.objectId(), draft.objectType(),
        draft.objectName(), draft.objectUrl(), draft.targetKey(), checked.targetTitle(), checked.targetUrl(), String.join(",", draft.tags()),
        draft.xapi());
    var claim = idempotencyKey.map(key -> new IdempotencyKeys.Claim(tenant, service.id(), key, "activity.publish", requestHash));
    var outcome = platform.idempotency().once(claim, sql -> {
      if (draft.targetKey().isPresent()) {
        platform.targets().declare(sql, tenant, draft.targetKey().get(), checked.targetTitle(), checked.targetUrl());
      }
      return recorder.record(sql, tenant, draft);
    }, Activity::id);
    if (outcome instanceof IdempotencyKeys.Outcome.Replayed<Activity> earlier) {
      long earlierId = Long.parseLong(earlier.resourceId());
      return new Created<>(platform.db().read(sql -> ActivityStore.find(sql, tenant, earlierId))
          .map(row -> ActivityViews.single(pager.current(tenant, row), key -> platform.targets().resolve(tenant, key)))
          .orElseThrow(() -> new NotFoundException("activity " + earlierId)), true);
    }
    platform.events().committed(tenant);
    return new Created<>(((IdempotencyKeys.Outcome.Done<Activity>) outcome).value(), false);
  }

  /**
   * The acting user: the one the service names, else the service itself. A name the host gives
   * updates Inflow's record of the person, keeping their roles and expertise.
   */
  private User actor(String tenant, User service, NewActivity input) {
    Optional<String> id = input.actorId().map(String::strip).filter(s -> !s.isEmpty());
    if (id.isEmpty()) {
      return service;
    }
    Optional<String> name = input.actorName().map(String::strip).filter(s -> !s.isEmpty());
    Optional<User> known = platform.users().find(tenant, id.get());
    User actor;
    try {
      actor = known.map(User::toBuilder).orElseGet(() -> User.builder(id.get())).name(name.orElse(known.map(User::name).orElse(id.get()))).build();
    } catch (InvalidInputException e) {
      String field = e.errors().stream().anyMatch(f -> f.field().equals("name")) ? "actor.name" : "actor.id";
      throw new InvalidInputException(field, e.errors().get(0).message());
    }
    if (name.isPresent() && !known.equals(Optional.of(actor))) {
      platform.users().remember(tenant, actor);
    }
    return actor;
  }

  @Override
  public Activity get(Caller caller, String activityId) {
    long id = parseId(activityId);
    return platform.db().read(sql -> ActivityStore.find(sql, caller.tenantId(), id))
        .filter(row -> pager.visible(caller, row))
        .map(row -> ActivityViews.single(pager.current(caller.tenantId(), row), key -> platform.targets().resolve(caller.tenantId(), key)))
        .orElseThrow(() -> Platform.unreadable(caller, "activity " + activityId));
  }

  @Override
  public Page<Activity> home(Caller caller, PageRequest page) {
    User user = caller.requireUser("see your home feed");
    String tenant = caller.tenantId();
    record Reader(Set<String> muted, List<String> targets) {}
    Reader reader = platform.db().read(sql -> new Reader(ActivityStore.muted(sql, tenant, user.id()),
        ActivityStore.followedTargets(sql, tenant, user.id())));
    return pager.page(caller, "home", new HomeFeed(tenant, user.id(), reader.targets()),
        row -> row.targetKey().filter(reader.muted()::contains).isEmpty(), page);
  }

  @Override
  public Page<Activity> target(Caller caller, String targetKey, PageRequest page) {
    TargetKeys.requireValid("targetKey", targetKey);
    platform.requireReadable(caller, targetKey, "target " + targetKey);
    return pager.page(caller, "target", (sql, before, limit) -> ActivityStore.target(sql, caller.tenantId(), targetKey, before, limit), page);
  }

  @Override
  public Page<Activity> topic(Caller caller, String tag, PageRequest page) {
    String topic = Tags.requireValid("tag", tag);
    return pager.page(caller, "topic", (sql, before, limit) -> ActivityStore.topic(sql, caller.tenantId(), topic, before, limit), page);
  }

  @Override
  public Page<Activity> user(Caller caller, String userId, PageRequest page) {
    String id = DefaultFollows.normalise(dev.inflow.core.feed.FollowKind.USER, userId);
    return pager.page(caller, "user", (sql, before, limit) -> ActivityStore.user(sql, caller.tenantId(), id, before, limit), page);
  }

  private static long parseId(String id) {
    try {
      long value = Long.parseLong(id);
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // handled below
    }
    throw new NotFoundException("activity " + (id.length() > 40 ? id.substring(0, 40) + "…" : id));
  }
}
