package dev.inflow.core.analytics.internal;

import dev.inflow.core.AccessDeniedException;
import dev.inflow.core.Author;
import dev.inflow.core.Caller;
import dev.inflow.core.InvalidInputException;
import dev.inflow.core.analytics.Analytics;
import dev.inflow.core.analytics.AnalyticsSummary;
import dev.inflow.core.analytics.AnalyticsSummary.ExpertFigures;
import dev.inflow.core.analytics.AnalyticsSummary.QuestionFigures;
import dev.inflow.core.analytics.AnalyticsSummary.TagExperts;
import dev.inflow.core.analytics.AnalyticsSummary.TargetActivity;
import dev.inflow.core.internal.Platform;
import dev.inflow.core.internal.db.Sql;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Analytics computed from the tables on each request: a period of up to a year of one tenant is a
 * few indexed range scans, and L&D dashboards are opened rarely enough that caching would only
 * serve stale numbers.
 *
 * <p>Thread-safe.
 */
public final class DefaultAnalytics implements Analytics {
  private static final Pattern TAG = Pattern.compile("[\\p{Ll}\\p{N}][\\p{Ll}\\p{N}._+#-]{0,49}");
  private static final int EXPERTS_PER_TAG = 5;
  private static final int MAX_TAGS = 50;
  private static final int MAX_TARGETS = 50;
  /** Comments on questions and answers belong to the questions feature, not to a host's target. */
  private static final String OWNED = " AND target_key NOT LIKE 'question:%' AND target_key NOT LIKE 'answer:%'";

  private final Platform platform;

  public DefaultAnalytics(Platform platform) {
    this.platform = platform;
  }

  @Override
  public AnalyticsSummary summary(Caller caller, Instant from, Instant to, Optional<String> rawTag) {
    caller.requireUser("see analytics");
    if (!caller.isModerator()) {
      throw new AccessDeniedException("analytics are for moderators and administrators");
    }
    if (!to.isAfter(from)) {
      throw new InvalidInputException("to", "to must be after from (got from " + from + ", to " + to + ")");
    }
    if (Duration.between(from, to).compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
      throw new InvalidInputException("to", "a summary covers at most " + MAX_DAYS + " days");
    }
    Optional<String> tag = rawTag.map(t -> t.strip().toLowerCase(Locale.ROOT)).filter(t -> !t.isEmpty());
    if (tag.isPresent() && !TAG.matcher(tag.get()).matches()) {
      throw new InvalidInputException("tag", "a tag is 1 to 50 lower-case letters, digits or ._+#-");
    }
    String tenant = caller.tenantId();
    return platform.db().read(sql -> new AnalyticsSummary(from, to, tag, questions(sql, tenant, from, to, tag),
        experts(sql, tenant, from, to, tag), targets(sql, tenant, from, to)));
  }

  private static String tagFilter(Optional<String> tag, String alias) {
    return tag.isEmpty() ? ""
        : " AND " + alias + ".id IN (SELECT g.question_id FROM inflow_question_tag g WHERE g.tenant_id = " + alias + ".tenant_id AND g.tag = ?)";
  }

  private static Object[] params(String tenant, Instant from, Instant to, Optional<String> tag) {
    return tag.isEmpty() ? new Object[] {tenant, from, to} : new Object[] {tenant, from, to, tag.get()};
  }

  private static QuestionFigures questions(Sql sql, String tenant, Instant from, Instant to, Optional<String> tag) throws SQLException {
    long[] counts = new long[3];
    List<Long> waits = new ArrayList<>();
    sql.list("SELECT q.created_at, q.first_answer_at, q.status, q.routing_step FROM inflow_question q"
        + " WHERE q.tenant_id = ? AND q.deleted_at IS NULL AND q.created_at >= ? AND q.created_at < ?" + tagFilter(tag, "q"), row -> {
          counts[0]++;
          Optional<Instant> firstAnswer = row.optionalInstant("first_answer_at");
          if (firstAnswer.isPresent()) {
            waits.add(Math.max(0, Duration.between(row.instant("created_at"), firstAnswer.get()).toSeconds()));
          }
          if ("ACCEPTED".equals(row.string("status"))) {
            counts[1]++;
          }
          if (row.intValue("routing_step") > 0) {
            counts[2]++;
          }
          return null;
        }, params(tenant, from, to, tag));
    long asked = counts[0];
    long answered = waits.size();
    waits.sort(Comparator.naturalOrder());
    return new QuestionFigures(asked, answered, rate(answered, asked), percentile(waits, 50), percentile(waits, 90), counts[1],
        rate(counts[1], asked), asked - answered, counts[2]);
  }

  private static double rate(long part, long whole) {
    return whole == 0 ? 0 : Math.round(part * 10_000.0 / whole) / 10_000.0;
  }

  /** Nearest-rank percentile of sorted values. */
  static Optional<Long> percentile(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return Optional.empty();
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return Optional.of(sorted.get(Math.max(0, rank - 1)));
  }

  private List<TagExperts> experts(Sql sql, String tenant, Instant from, Instant to, Optional<String> tag) throws SQLException {
    Map<String, List<ExpertFigures>> byTag = new LinkedHashMap<>();
    sql.list("SELECT t.tag, a.author_id, MAX(u.name) AS name, MAX(u.avatar_url) AS avatar, COUNT(*) AS answers,"
        + " SUM(CASE WHEN a.accepted THEN 1 ELSE 0 END) AS accepted, SUM(CASE WHEN a.verified_by IS NULL THEN 0 ELSE 1 END) AS verified"
        + " FROM inflow_answer a JOIN inflow_question q ON q.tenant_id = a.tenant_id AND q.id = a.question_id"
        + " JOIN inflow_question_tag t ON t.tenant_id = a.tenant_id AND t.question_id = a.question_id"
        + " LEFT JOIN inflow_user u ON u.tenant_id = a.tenant_id AND u.id = a.author_id"
        + " WHERE a.tenant_id = ? AND a.deleted_at IS NULL AND q.deleted_at IS NULL AND a.created_at >= ? AND a.created_at < ?"
        + (tag.isEmpty() ? "" : " AND t.tag = ?") + " GROUP BY t.tag, a.author_id", row -> {
          String id = row.string("author_id");
          Author author = new Author(id, row.optionalString("name").orElse(id), row.optionalString("avatar"));
          return byTag.computeIfAbsent(row.string("tag"), k -> new ArrayList<>())
              .add(new ExpertFigures(author, row.longValue("answers"), row.longValue("accepted"), row.longValue("verified")));
        }, params(tenant, from, to, tag));
    Comparator<ExpertFigures> best = Comparator.comparingLong(ExpertFigures::accepted).reversed()
        .thenComparing(Comparator.comparingLong(ExpertFigures::answers).reversed())
        .thenComparing(e -> e.user().id());
    return byTag.entrySet().stream()
        .sorted(Comparator.<Map.Entry<String, List<ExpertFigures>>>comparingLong(e -> -e.getValue().stream().mapToLong(ExpertFigures::answers).sum())
            .thenComparing(Map.Entry::getKey))
        .limit(MAX_TAGS)
        .map(e -> new TagExperts(e.getKey(), e.getValue().stream().sorted(best).limit(EXPERTS_PER_TAG).toList()))
        .toList();
  }

  private List<TargetActivity> targets(Sql sql, String tenant, Instant from, Instant to) throws SQLException {
    Map<String, long[]> byTarget = new HashMap<>();
    sql.list("SELECT target_key, COUNT(*) AS n FROM inflow_comment WHERE tenant_id = ? AND created_at >= ? AND created_at < ?"
        + " AND deleted_at IS NULL" + OWNED + " GROUP BY target_key",
        row -> byTarget.computeIfAbsent(row.string("target_key"), k -> new long[3])[0] = row.longValue("n"), tenant, from, to);
    sql.list("SELECT target_key, COUNT(*) AS n FROM inflow_question WHERE tenant_id = ? AND created_at >= ? AND created_at < ?"
        + " AND deleted_at IS NULL AND target_key IS NOT NULL GROUP BY target_key",
        row -> byTarget.computeIfAbsent(row.string("target_key"), k -> new long[3])[1] = row.longValue("n"), tenant, from, to);
    sql.list("SELECT target_key, COUNT(DISTINCT user_id) AS n FROM ("
        + " SELECT target_key, author_id AS user_id FROM inflow_comment WHERE tenant_id = ? AND created_at >= ? AND created_at < ?"
        + " AND deleted_at IS NULL" + OWNED
        + " UNION ALL SELECT target_key, author_id AS user_id FROM inflow_question WHERE tenant_id = ? AND created_at >= ? AND created_at < ?"
        + " AND deleted_at IS NULL AND target_key IS NOT NULL AND anonymous = FALSE"
        + " UNION ALL SELECT q.target_key, a.author_id AS user_id FROM inflow_answer a JOIN inflow_question q"
        + " ON q.tenant_id = a.tenant_id AND q.id = a.question_id WHERE a.tenant_id = ? AND a.created_at >= ? AND a.created_at < ?"
        + " AND a.deleted_at IS NULL AND q.deleted_at IS NULL AND q.target_key IS NOT NULL) x GROUP BY target_key",
        row -> byTarget.computeIfAbsent(row.string("target_key"), k -> new long[3])[2] = row.longValue("n"),
        tenant, from, to, tenant, from, to, tenant, from, to);
    return byTarget.entrySet().stream()
        .sorted(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -(e.getValue()[0] + e.getValue()[1])).thenComparing(Map.Entry::getKey))
        .limit(MAX_TARGETS)
        .map(e -> new TargetActivity(e.getKey(), platform.targets().resolve(tenant, e.getKey()).title(), e.getValue()[0], e.getValue()[1],
            e.getValue()[2]))
        .toList();
  }
}
