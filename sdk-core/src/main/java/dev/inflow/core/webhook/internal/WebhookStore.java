package dev.inflow.core.webhook.internal;

import dev.inflow.core.internal.db.Row;
import dev.inflow.core.internal.db.Sql;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The SQL of webhooks, in one place. Every statement is scoped by tenant. */
final class WebhookStore {
  /** An endpoint as stored, secret included. */
  record Endpoint(long id, String url, List<String> events, Optional<String> description, String secret, Instant createdAt) {
    /** @return whether the endpoint receives events of this kind */
    boolean wants(String kind) {
      for (String pattern : events) {
        if (pattern.equals("*") || pattern.equals(kind) || (pattern.endsWith(".*") && kind.startsWith(pattern.substring(0, pattern.length() - 1)))) {
          return true;
        }
      }
      return false;
    }
  }

  private static final String COLUMNS = "id, url, events, description, secret, created_at";

  private WebhookStore() {}

  static long insert(Sql sql, String tenant, String url, List<String> events, Optional<String> description, String secret, Instant now)
      throws SQLException {
    return sql.insert("INSERT INTO inflow_webhook (tenant_id, url, events, description, secret, created_at) VALUES (?, ?, ?, ?, ?, ?)", "id",
        tenant, url, String.join(",", events), description, secret, now);
  }

  static List<Endpoint> all(Sql sql, String tenant) throws SQLException {
    return sql.list("SELECT " + COLUMNS + " FROM inflow_webhook WHERE tenant_id = ? ORDER BY id", WebhookStore::map, tenant);
  }

  static Optional<Endpoint> find(Sql sql, String tenant, long id) throws SQLException {
    return sql.one("SELECT " + COLUMNS + " FROM inflow_webhook WHERE tenant_id = ? AND id = ?", WebhookStore::map, tenant, id);
  }

  static boolean delete(Sql sql, String tenant, long id) throws SQLException {
    return sql.update("DELETE FROM inflow_webhook WHERE tenant_id = ? AND id = ?", tenant, id) > 0;
  }

  static long count(Sql sql, String tenant) throws SQLException {
    return sql.count("SELECT COUNT(*) FROM inflow_webhook WHERE tenant_id = ?", tenant);
  }

  static List<String> allowList(Sql sql, String tenant) throws SQLException {
    return sql.list("SELECT entry FROM inflow_webhook_allow WHERE tenant_id = ? ORDER BY position", row -> row.string("entry"), tenant);
  }

  static void replaceAllowList(Sql sql, String tenant, List<String> entries) throws SQLException {
    sql.update("DELETE FROM inflow_webhook_allow WHERE tenant_id = ?", tenant);
    for (int i = 0; i < entries.size(); i++) {
      sql.update("INSERT INTO inflow_webhook_allow (tenant_id, entry, position) VALUES (?, ?, ?)", tenant, entries.get(i), i);
    }
  }

  private static Endpoint map(Row row) throws SQLException {
    return new Endpoint(row.longValue("id"), row.string("url"), Arrays.asList(row.string("events").split(",")),
        row.optionalString("description"), row.string("secret"), row.instant("created_at"));
  }
}
