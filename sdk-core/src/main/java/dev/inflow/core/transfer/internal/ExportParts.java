package dev.inflow.core.transfer.internal;

import dev.inflow.core.InvalidInputException;
import dev.inflow.core.internal.db.Dialect;
import dev.inflow.core.internal.text.Markdown;
import dev.inflow.core.transfer.internal.ExportPart.OnConflict;
import dev.inflow.core.transfer.internal.ExportPart.Table;
import dev.inflow.core.user.internal.UserExpertise;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The parts of a tenant export, one per feature, in the order they import (users and targets
 * before what refers to them).
 */
public final class ExportParts {
  /**
   * Tables with a {@code tenant_id} that are deliberately not exported: token secrets never leave
   * the server, and the rest is transient (events for live clients, pending jobs, idempotency keys,
   * live tickets).
   */
  public static final Set<String> NOT_EXPORTED = Set.of("inflow_tenant_secret", "inflow_event", "inflow_job", "inflow_idempotency",
      "inflow_live_ticket",
      // Webhook endpoints carry the secrets that sign their deliveries; like token secrets they stay
      // on the server, and an administrator registers the endpoints again where the tenant moves to.
      "inflow_webhook", "inflow_webhook_allow",
      // Derived from inflow_user.expertise (routing's index by tag); the users part rebuilds it on import.
      "inflow_user_expertise");

  /** Told which questions an import wrote, once they are committed (search indexes, caches). */
  @FunctionalInterface
  public interface QuestionsImported {
    void imported(String tenantId, List<Long> questionIds);
  }

  private ExportParts() {}

  /**
   * @return the parts, rendering imported Markdown with this renderer and telling {@code questions}
   *     which questions were imported
   */
  public static List<ExportPart> all(Markdown markdown, QuestionsImported questions) {
    return List.of(
        new ExportPart("tenant", List.of(
            new Table("inflow_tenant", "id", "id", OnConflict.KEEP_EXISTING, (row, field) -> { }, Set.of()),
            Table.of("inflow_tenant_origin", "origin", OnConflict.REPLACE_ALL)), ExportPart.AfterImport.nothing()),
        new ExportPart("users", List.of(
            Table.of("inflow_user", "id", OnConflict.KEEP_EXISTING).checked(httpUrl("avatar_url"))),
            // the profiles' expertise by tag (V64), which routing reads, is derived from inflow_user
            (c, dialect, tenant) -> UserExpertise.addMissing(c, tenant)),
        new ExportPart("targets", List.of(
            Table.of("inflow_target", "target_key", OnConflict.KEEP_EXISTING).checked(httpUrl("url"))), ExportPart.AfterImport.nothing()),
        new ExportPart("comments", List.of(
            Table.of("inflow_comment", "id", OnConflict.FAIL).checked(rendered(markdown)),
            Table.of("inflow_comment_revision", "comment_id, version", OnConflict.FAIL).checked(rendered(markdown)),
            Table.of("inflow_comment_reaction", "comment_id, user_id, reaction", OnConflict.FAIL),
            Table.of("inflow_comment_flag", "comment_id, user_id", OnConflict.FAIL),
            Table.of("inflow_import_ref", "source, source_id", OnConflict.FAIL)),
            (c, dialect, tenant) -> advanceSequence(c, dialect, "inflow_comment_seq", "SELECT MAX(id) FROM inflow_comment")),
        new ExportPart("questions", List.of(
            Table.of("inflow_tag", "tag", OnConflict.FAIL),
            Table.of("inflow_expertise", "user_id, tag", OnConflict.FAIL),
            Table.of("inflow_expert_status", "user_id", OnConflict.FAIL),
            // search: PostgreSQL's generated full-text vector (V22).
            Table.of("inflow_question", "id", OnConflict.FAIL).checked(rendered(markdown)).drawing("search"),
            Table.of("inflow_question_tag", "question_id, tag", OnConflict.FAIL),
            Table.of("inflow_question_revision", "question_id, version", OnConflict.FAIL).checked(rendered(markdown)),
            Table.of("inflow_question_routing", "question_id, user_id", OnConflict.FAIL),
            Table.of("inflow_answer", "id", OnConflict.FAIL).checked(rendered(markdown)),
            Table.of("inflow_answer_revision", "answer_id, version", OnConflict.FAIL).checked(rendered(markdown)),
            Table.of("inflow_answer_vote", "answer_id, user_id", OnConflict.FAIL)),
            (c, dialect, tenant) -> {
              advanceSequence(c, dialect, "inflow_question_seq", "SELECT MAX(id) FROM inflow_question");
              advanceSequence(c, dialect, "inflow_answer_seq", "SELECT MAX(id) FROM inflow_answer");
              advanceSequence(c, dialect, "inflow_question_search_seq", "SELECT MAX(search_seq) FROM inflow_question");
              questions.imported(tenant, ids(c, "SELECT id FROM inflow_question WHERE tenant_id = ? ORDER BY id", tenant));
            }),
        new ExportPart("notifications", List.of(Table.of("inflow_notification", "id", OnConflict.FAIL).checked(httpUrl("url")).drawing("id"),
            Table.of("inflow_notification_preference", "user_id", OnConflict.FAIL)),
            ExportPart.AfterImport.nothing()),
        new ExportPart("feed", List.of(
            Table.of("inflow_activity", "id", OnConflict.FAIL).checked(httpUrl("object_url")),
            Table.of("inflow_activity_tag", "activity_id, tag", OnConflict.FAIL),
            Table.of("inflow_feed_entry", "user_id, activity_id", OnConflict.FAIL),
            Table.of("inflow_follow", "user_id, kind, followed", OnConflict.FAIL),
            Table.of("inflow_mute", "user_id, target_key", OnConflict.FAIL)),
            (c, dialect, tenant) -> advanceSequence(c, dialect, "inflow_activity_seq", "SELECT MAX(id) FROM inflow_activity")));
  }

  private static List<Long> ids(Connection c, String query, String tenant) throws SQLException {
    List<Long> ids = new java.util.ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(query)) {
      ps.setString(1, tenant);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
    }
    return ids;
  }

  /** Links of users and targets are shown on pages: only http(s) ones are kept. */
  private static ExportPart.RowCheck httpUrl(String column) {
    return (row, field) -> {
      if (row.get(column) instanceof String url && !url.matches("(?i)https?://.+")) {
        row.put(column, null);
      }
    };
  }

  /**
   * Stored HTML is never taken from the file: it is rendered again from the Markdown, with the
   * mentions the row names, so an edited export cannot put markup of its own onto pages.
   */
  private static ExportPart.RowCheck rendered(Markdown markdown) {
    return (row, field) -> {
      if (!(row.get("body") instanceof String body)) {
        throw new InvalidInputException(field + ".body", "body is required and is a string");
      }
      Set<String> mentioned = row.get("mentions") instanceof String m && !m.isEmpty()
          ? Arrays.stream(m.split(",")).collect(Collectors.toSet()) : Set.of();
      Map<String, String> byLowerCase = mentioned.stream().collect(Collectors.toMap(id -> id.toLowerCase(Locale.ROOT), Function.identity(), (a, b) -> a));
      row.put("html", markdown.render(body, typed -> typed.stream()
          .filter(t -> byLowerCase.containsKey(t.toLowerCase(Locale.ROOT)))
          .collect(Collectors.toMap(Function.identity(), t -> byLowerCase.get(t.toLowerCase(Locale.ROOT)), (a, b) -> a))).html());
    };
  }

  /**
   * Moves a sequence past the highest id imported, so that new rows never take an imported id.
   * On H2, ALTER SEQUENCE commits, so it runs after the import's commit (see {@link TenantTransfer}).
   */
  static void advanceSequence(Connection c, Dialect dialect, String sequence, String maxQuery) throws SQLException {
    long max;
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(maxQuery)) {
      max = rs.next() ? rs.getLong(1) : 0;
    }
    if (dialect == Dialect.POSTGRESQL) {
      try (PreparedStatement ps = c.prepareStatement("SELECT setval('" + sequence + "', GREATEST(?, (SELECT last_value FROM " + sequence + ")))")) {
        ps.setLong(1, Math.max(max, 1));
        ps.executeQuery().close();
      }
      return;
    }
    long next;
    try (PreparedStatement ps = c.prepareStatement("SELECT BASE_VALUE FROM INFORMATION_SCHEMA.SEQUENCES WHERE SEQUENCE_NAME = ?")) {
      ps.setString(1, sequence.toUpperCase(Locale.ROOT));
      try (ResultSet rs = ps.executeQuery()) {
        next = rs.next() ? rs.getLong(1) : 1;
      }
    }
    if (max + 1 > next) {
      try (Statement s = c.createStatement()) {
        s.execute("ALTER SEQUENCE " + sequence + " RESTART WITH " + (max + 1));
      }
    }
  }
}
