package dev.inflow.core.event.internal;

import dev.inflow.core.event.Event;
import dev.inflow.core.event.EventLog;
import dev.inflow.core.internal.db.Database;
import dev.inflow.core.internal.db.Dialect;
import dev.inflow.core.internal.db.Sql;
import dev.inflow.core.internal.json.Json;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The event log in {@code inflow_event}; sequence numbers come from the table's identity column. */
public final class EventStore implements EventLog {
  private static final System.Logger LOG = System.getLogger(EventStore.class.getName());
  private final Database db;
  private final Clock clock;
  /** The PostgreSQL channel on which commits with events wake the hubs of all nodes. */
  static final String NOTIFY_CHANNEL = "inflow_events";
  private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
  private final List<AppendHook> appendHooks = new CopyOnWriteArrayList<>();
  private final InFlight inFlight = new InFlight();

  public EventStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Work that must commit together with an event (webhook deliveries in the outbox). */
  @FunctionalInterface
  public interface AppendHook {
    /** Called inside the appending transaction, after the event row was inserted. */
    void appended(Sql sql, Event event) throws SQLException;
  }

  /** Adds work done inside the transaction of every event appended from now on. */
  public void addAppendHook(AppendHook hook) {
    appendHooks.add(hook);
  }

  /**
   * Records an event inside the caller's transaction. Call {@link #committed} after the commit.
   *
   * @param payload serialised to JSON as is
   * @return the event's sequence number
   */
  public long append(Sql sql, String tenantId, String topic, String kind, Optional<String> targetKey, Object payload) throws SQLException {
    InFlight.Token token = inFlight.begin();
    sql.afterCompletion(token::end);
    String json = Json.write(payload);
    var createdAt = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    long seq = sql.insert("INSERT INTO inflow_event (tenant_id, topic, kind, target_key, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        "seq", tenantId, topic, kind, targetKey, json, createdAt);
    token.drew(seq);
    for (AppendHook hook : appendHooks) {
      hook.appended(sql, new Event(seq, tenantId, topic, kind, targetKey, createdAt, json));
    }
    if (sql.dialect() == Dialect.POSTGRESQL && sql.firstTime(NOTIFY_CHANNEL)) {
      // Wakes the event hubs of every node at commit, once however many events the transaction appends.
      sql.one("SELECT pg_notify('" + NOTIFY_CHANNEL + "', '')", row -> null);
    }
    return seq;
  }

  /** @return the events of this node's transactions that have drawn (or are drawing) a sequence number and not ended */
  InFlight inFlight() {
    return inFlight;
  }

  /** @return events of all tenants after the sequence number, in order, at most {@code limit} */
  List<Event> allAfter(long afterSeq, int limit) {
    return db.read(sql -> sql.list("SELECT seq, tenant_id, topic, kind, target_key, created_at, payload FROM inflow_event"
        + " WHERE seq > ? ORDER BY seq LIMIT ?", EventStore::map, afterSeq, limit));
  }

  /** @return events of a tenant on the topics in (afterSeq, throughSeq], in order, at most {@code limit} */
  List<Event> topicsBetween(String tenantId, List<String> topics, long afterSeq, long throughSeq, int limit) {
    return db.read(sql -> sql.list("SELECT seq, tenant_id, topic, kind, target_key, created_at, payload FROM inflow_event"
        + " WHERE tenant_id = ? AND topic IN (" + Sql.placeholders(topics) + ") AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?",
        EventStore::map, Sql.params(List.of(afterSeq, throughSeq, limit), Sql.params(topics, tenantId))));
  }

  /** @return the highest sequence number deleted by retention */
  long purgedThrough() {
    return db.read(sql -> sql.one("SELECT purged_through FROM inflow_event_horizon WHERE id = 1", row -> row.longValue("purged_through")))
        .orElse(0L);
  }

  /**
   * Deletes events older than the retention, remembering the highest sequence number deleted.
   *
   * @return how many events were deleted
   */
  public int purge(Duration retention) {
    return db.transaction(sql -> {
      var cutoff = clock.instant().minus(retention);
      long through = sql.one("SELECT MAX(seq) AS m FROM inflow_event WHERE created_at < ?", row -> row.optionalLong("m").orElse(0L), cutoff)
          .orElse(0L);
      if (through == 0) {
        return 0;
      }
      sql.update("UPDATE inflow_event_horizon SET purged_through = ? WHERE id = 1 AND purged_through < ?", through, through);
      return sql.update("DELETE FROM inflow_event WHERE seq <= ?", through);
    });
  }

  private static Event map(dev.inflow.core.internal.db.Row row) throws SQLException {
    return new Event(row.longValue("seq"), row.string("tenant_id"), row.string("topic"), row.string("kind"),
        row.optionalString("target_key"), row.instant("created_at"), row.string("payload"));
  }

  /** Wakes the listeners up after a transaction that appended events for the tenant committed. */
  public void committed(String tenantId) {
    for (Consumer<String> listener : listeners) {
      try {
        listener.accept(tenantId);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "event listener failed; it stays registered", e);
      }
    }
  }

  @Override
  public List<Event> after(String tenantId, long afterSeq, int limit) {
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("limit must be 1..1000");
    }
    return db.read(sql -> sql.list("SELECT seq, tenant_id, topic, kind, target_key, created_at, payload FROM inflow_event"
        + " WHERE tenant_id = ? AND seq > ? ORDER BY seq LIMIT ?", EventStore::map, tenantId, afterSeq, limit));
  }

  @Override
  public long lastSeq(String tenantId) {
    return db.read(sql -> sql.one("SELECT MAX(seq) AS last_seq FROM inflow_event WHERE tenant_id = ?",
        row -> row.optionalLong("last_seq").orElse(0L), tenantId)).orElse(0L);
  }

  @Override
  public AutoCloseable onAppend(Consumer<String> tenantAppended) {
    listeners.add(tenantAppended);
    return () -> listeners.remove(tenantAppended);
  }
}
