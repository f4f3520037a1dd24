package dev.inflow.core.feed.internal;

import dev.inflow.core.feed.FollowKind;
import dev.inflow.core.internal.db.Database;
import dev.inflow.core.internal.db.Sql;
import dev.inflow.core.internal.jobs.Job;
import dev.inflow.core.internal.jobs.JobHandler;
import dev.inflow.core.internal.json.Json;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes activities into the home feeds of their write-time audience: the actor, and everyone
 * following the actor or one of the topics. Followers of the <em>target</em> are not written to:
 * {@link HomeFeed} reads followed targets' activities when the home feed is read (mixed fan-out).
 * Muted targets are left out when a home feed is read, not here, so that unmuting brings back what
 * happened meanwhile. Every insert skips readers who have the entry already, so a job that runs
 * twice (a node died after the work, before recording it) writes nothing twice.
 *
 * <h2>Why mixed fan-out: on write for people and topics, on read for targets</h2>
 *
 * <p>The sizing case is a tenant with 10k users, 1M activities and a "celebrity" with 5k
 * followers; a typical user follows a few dozen people, targets and topics.
 *
 * <ul>
 *   <li><b>Targets are the real celebrities.</b> Everyone who comments on a page follows it
 *       automatically, so a busy discussion gains followers with every comment, and fan-out on
 *       write turned each comment into one feed row per participant. With 5,000 users posting on
 *       20 targets that made creating a comment 10–50 times slower (benchmark finding 0 in
 *       docs/benchmarks.md: 125 creates/s on H2 and 20/s on PostgreSQL, 8.5 and 76.8 ms of CPU per
 *       create). Reading a target's activities costs nothing extra to write: they are already in
 *       order in {@code inflow_activity (tenant_id, target_key, id)}, which the target feed reads.
 *   <li><b>People and topics stay fan-out on write.</b> Their audiences do not grow by taking
 *       part, and the reader's own entries ({@code inflow_feed_entry (tenant, user, activity)})
 *       are one range scan per page whatever the size of the tenant.
 *   <li><b>The read stays bounded.</b> A home page merges the reader's entries with, per followed
 *       target, at most one page of ids from that target's index range ({@link HomeFeed}); targets
 *       are read {@value HomeFeed#CHUNK} at a time, and once a page of candidates is known the
 *       rest only look above its oldest, so quiet targets cost one index descent each. A single
 *       query over everything followed (an OR no index orders) would sort every matching row
 *       before its LIMIT; {@code benchmarks/feed.sh} measures both, and a reader following 5,000
 *       targets.
 *   <li><b>The celebrity person.</b> An audience (the actor's and the topics' followers) above
 *       {@link dev.inflow.core.feed.FeedSettings#inlineFanOutLimit()} (default 200) is written by
 *       a background job ({@value #JOB}, in batches of {@value #BATCH} readers per transaction,
 *       leased like every job so one node does it): the post commits as fast as an ordinary one,
 *       costing one bounded count ({@code LIMIT inlineFanOutLimit + 1}) and one job row, and
 *       followers' home feeds have it within seconds. Following a person copies at most
 *       {@link DefaultFollows#BACKFILL} of their activities, inline. Live readers do not wait for
 *       either: the {@code activity.created} event reaches open feeds at once.
 *   <li><b>Storage</b> is at most {@link dev.inflow.core.feed.FeedSettings#homeFeedDepth()}
 *       entries per user, trimmed hourly by {@link #trim}; the target part of a home feed reaches
 *       back as far as the targets' own feeds.
 * </ul>
 *
 * <p>Thread-safe.
 */
final class FanOut implements JobHandler {
  static final String JOB = "feed.fanout";
  private static final System.Logger LOG = System.getLogger(FanOut.class.getName());
  /** Readers written per transaction by the background job. */
  static final int BATCH = 1_000;

  /** Who an activity reaches at write time: followers of the actor and of the topics (targets are read at request time). */
  record Audience(long activityId, Optional<String> actorId, List<String> tags) {
    /** @return the follow lists that lead to it: (kind, followed) pairs */
    List<String[]> sources() {
      List<String[]> sources = new ArrayList<>();
      actorId.ifPresent(a -> sources.add(new String[] {FollowKind.USER.wireName(), a}));
      tags.forEach(t -> sources.add(new String[] {FollowKind.TOPIC.wireName(), t}));
      return sources;
    }
  }

  private final Database db;
  private final int inlineLimit;

  FanOut(Database db, int inlineLimit) {
    this.db = db;
    this.inlineLimit = inlineLimit;
  }

  /**
   * Fans an activity out inside the posting transaction, or enqueues the job that will.
   *
   * @return whether every home feed was written now (false: a job will do it)
   */
  boolean deliver(Sql sql, String tenant, Audience audience, Instant now, dev.inflow.core.internal.jobs.Jobs jobs) throws SQLException {
    if (audience.actorId().isPresent()) {
      // The actor sees their own activity at once, whatever the size of their audience.
      sql.update("INSERT INTO inflow_feed_entry (tenant_id, user_id, activity_id) VALUES (?, ?, ?)", tenant, audience.actorId().get(),
          audience.activityId());
    }
    if (audienceAtMost(sql, tenant, audience, inlineLimit)) {
      for (String[] source : audience.sources()) {
        insertFollowers(sql, tenant, audience, source[0], source[1], Optional.empty(), Optional.empty());
      }
      return true;
    }
    jobs.enqueue(sql, tenant, JOB, Optional.of(tenant + ":" + audience.activityId()), Map.of("activityId", audience.activityId(),
        "actorId", audience.actorId().orElse(""), "tags", audience.tags()), now, 20);
    return false;
  }

  @Override
  public void run(Job job) throws Exception {
    var payload = Json.MAPPER.readTree(job.payload());
    List<String> tags = new ArrayList<>();
    payload.path("tags").forEach(t -> tags.add(t.asText()));
    // Jobs queued by earlier versions also name a targetKey: its followers read it at request time now.
    Audience audience = new Audience(payload.path("activityId").asLong(),
        Optional.of(payload.path("actorId").asText()).filter(s -> !s.isEmpty()), tags);
    long written = 0;
    for (String[] source : audience.sources()) {
      Optional<String> after = Optional.empty();
      while (true) {
        Optional<String> from = after;
        List<String> batch = db.read(sql -> sql.list("SELECT user_id FROM inflow_follow WHERE tenant_id = ? AND kind = ? AND followed = ?"
            + (from.isPresent() ? " AND user_id > ?" : "") + " ORDER BY tenant_id, kind, followed, user_id LIMIT " + BATCH, row -> row.string("user_id"),
            from.isPresent() ? new Object[] {job.tenantId(), source[0], source[1], from.get()} : new Object[] {job.tenantId(), source[0], source[1]}));
        if (batch.isEmpty()) {
          break;
        }
        Optional<String> through = Optional.of(batch.get(batch.size() - 1));
        written += db.transaction(sql -> insertFollowers(sql, job.tenantId(), audience, source[0], source[1], from, through));
        if (batch.size() < BATCH) {
          break;
        }
        after = through;
      }
    }
    LOG.log(Level.DEBUG, "activity {0} fanned out to {1} home feeds", audience.activityId(), written);
  }

  /** Writes the activity into the home feeds of the followers of one source, with user ids in (after, through]. */
  private static int insertFollowers(Sql sql, String tenant, Audience audience, String kind, String followed, Optional<String> after,
      Optional<String> through) throws SQLException {
    List<Object> params = new ArrayList<>(List.of(audience.activityId(), tenant, kind, followed));
    StringBuilder where = new StringBuilder();
    after.ifPresent(a -> {
      where.append(" AND f.user_id > ?");
      params.add(a);
    });
    through.ifPresent(t -> {
      where.append(" AND f.user_id <= ?");
      params.add(t);
    });
    params.add(audience.activityId());
    return sql.update("INSERT INTO inflow_feed_entry (tenant_id, user_id, activity_id) SELECT f.tenant_id, f.user_id, ? FROM inflow_follow f"
        + " WHERE f.tenant_id = ? AND f.kind = ? AND f.followed = ?" + where
        + " AND NOT EXISTS (SELECT 1 FROM inflow_feed_entry x WHERE x.tenant_id = f.tenant_id AND x.user_id = f.user_id AND x.activity_id = ?)",
        params.toArray());
  }

  /** Counts the audience, stopping as soon as it passes the limit (a tag may have thousands of followers). */
  private static boolean audienceAtMost(Sql sql, String tenant, Audience audience, int limit) throws SQLException {
    long seen = 0;
    for (String[] source : audience.sources()) {
      seen += sql.count("SELECT COUNT(*) FROM (SELECT user_id FROM inflow_follow WHERE tenant_id = ? AND kind = ? AND followed = ? LIMIT ?) x",
          tenant, source[0], source[1], limit + 1 - seen);
      if (seen > limit) {
        return false;
      }
    }
    return true;
  }

  /**
   * Brings the newest activities of a person or topic just followed into the follower's home feed.
   * A followed target needs nothing: its activities are read with the home feed.
   */
  static void backfill(Sql sql, String tenant, String userId, FollowKind kind, String followed, int newest) throws SQLException {
    // Ordered by all index columns so that H2 reads the index backwards (see ActivityStore).
    String source = switch (kind) {
      case USER -> "SELECT a.id FROM inflow_activity a WHERE a.tenant_id = ? AND a.actor_id = ? AND a.withdrawn = FALSE"
          + " ORDER BY a.tenant_id DESC, a.actor_id DESC, a.id DESC";
      case TARGET -> null;
      case TOPIC -> "SELECT t.activity_id AS id FROM inflow_activity_tag t WHERE t.tenant_id = ? AND t.tag = ?"
          + " ORDER BY t.tenant_id DESC, t.tag DESC, t.activity_id DESC";
    };
    if (source == null) {
      return;
    }
    List<Long> ids = sql.list(source + " LIMIT ?", row -> row.longValue("id"), tenant, followed, newest);
    for (long id : ids) {
      sql.insertIfAbsent("INSERT INTO inflow_feed_entry (tenant_id, user_id, activity_id) VALUES (?, ?, ?)", tenant, userId, id);
    }
  }

  /**
   * Takes out of the home feed what came from something no longer followed: activities of that
   * source that are not the reader's own and that the reader does not still follow another way.
   * For a target this removes the entries that versions before mixed fan-out wrote for it.
   */
  static int retract(Sql sql, String tenant, String userId, FollowKind kind, String followed) throws SQLException {
    String source = switch (kind) {
      case USER -> "a.actor_id = ?";
      case TARGET -> "a.target_key = ?";
      case TOPIC -> "EXISTS (SELECT 1 FROM inflow_activity_tag s WHERE s.tenant_id = a.tenant_id AND s.activity_id = a.id AND s.tag = ?)";
    };
    return sql.update("DELETE FROM inflow_feed_entry WHERE tenant_id = ? AND user_id = ? AND activity_id IN ("
        + "SELECT a.id FROM inflow_activity a WHERE a.tenant_id = ? AND " + source
        + " AND (a.actor_id IS NULL OR a.actor_id <> ?)"
        + " AND NOT EXISTS (SELECT 1 FROM inflow_follow f WHERE f.tenant_id = a.tenant_id AND f.user_id = ? AND f.kind = 'user' AND f.followed = a.actor_id)"
        + " AND NOT EXISTS (SELECT 1 FROM inflow_follow f WHERE f.tenant_id = a.tenant_id AND f.user_id = ? AND f.kind = 'target' AND f.followed = a.target_key)"
        + " AND NOT EXISTS (SELECT 1 FROM inflow_activity_tag t JOIN inflow_follow f ON f.tenant_id = t.tenant_id AND f.kind = 'topic'"
        + " AND f.followed = t.tag AND f.user_id = ? WHERE t.tenant_id = a.tenant_id AND t.activity_id = a.id))",
        tenant, userId, tenant, followed, userId, userId, userId, userId);
  }

  /**
   * Keeps each home feed to its newest {@code depth} entries.
   *
   * @return how many entries were deleted
   */
  int trim(int depth) {
    List<String[]> readers = db.read(sql -> sql.list("SELECT tenant_id, user_id FROM inflow_feed_entry GROUP BY tenant_id, user_id HAVING COUNT(*) > ?",
        row -> new String[] {row.string("tenant_id"), row.string("user_id")}, depth));
    int deleted = 0;
    for (String[] reader : readers) {
      deleted += db.transaction(sql -> {
        Optional<Long> oldestKept = sql.one("SELECT activity_id FROM inflow_feed_entry WHERE tenant_id = ? AND user_id = ?"
            + " ORDER BY tenant_id DESC, user_id DESC, activity_id DESC LIMIT 1 OFFSET ?", row -> row.longValue("activity_id"),
            reader[0], reader[1], depth - 1);
        return oldestKept.isEmpty() ? 0 : sql.update("DELETE FROM inflow_feed_entry WHERE tenant_id = ? AND user_id = ? AND activity_id < ?",
            reader[0], reader[1], oldestKept.get());
      });
    }
    return deleted;
  }
}
