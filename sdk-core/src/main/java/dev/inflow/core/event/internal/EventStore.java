package dev.inflow.core.event.internal;

import dev.inflow.core.event.Event;
import dev.inflow.core.event.EventLog;
import dev.inflow.core.internal.db.Database;
import dev.inflow.core.internal.db.Sql;
import dev.inflow.core.internal.json.Json;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The event log in {@code inflow_event}; sequence numbers come from the table's identity column. */
public final class EventStore implements EventLog {
  private static final System.Logger LOG = System.getLogger(EventStore.class.getName());
  private final Database db;
  private final Clock clock;
  private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

  public EventStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * Records an event inside the caller's transaction. Call {@link #committed} after the commit.
   *
   * @param payload serialised to JSON as is
   * @return the event's sequence number
   */
  public long append(Sql sql, String tenantId, String topic, String kind, Optional<String> targetKey, Object payload) throws SQLException {
    return sql.insert("INSERT INTO inflow_event (tenant_id, topic, kind, target_key, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        "seq", tenantId, topic, kind, targetKey, Json.write(payload), clock.instant());
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
        + " WHERE tenant_id = ? AND seq > ? ORDER BY seq LIMIT ?",
        row -> new Event(row.longValue("seq"), row.string("tenant_id"), row.string("topic"), row.string("kind"),
            row.optionalString("target_key"), row.instant("created_at"), row.string("payload")),
        tenantId, afterSeq, limit));
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
