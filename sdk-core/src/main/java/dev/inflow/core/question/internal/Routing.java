package dev.inflow.core.question.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inflow.core.Caller;
import dev.inflow.core.internal.Platform;
import dev.inflow.core.internal.db.Sql;
import dev.inflow.core.internal.jobs.Job;
import dev.inflow.core.internal.json.Json;
import dev.inflow.core.notification.NotificationReason;
import dev.inflow.core.notification.internal.DefaultNotifications;
import dev.inflow.core.notification.internal.NewNotification;
import dev.inflow.core.question.QuestionSettings;
import dev.inflow.core.question.QuestionStatus;
import dev.inflow.core.question.internal.ExpertDirectory.Candidate;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Sends questions to people. At ask (step 0) the top {@link QuestionSettings#expertsPerStep()}
 * available experts for the tags get it; each later step runs when the tags' deadline passes with
 * no answer: further experts for {@link QuestionSettings#escalationRounds()} rounds, then the
 * tags' community managers (or, when a tag has none, the tenant's moderators). Experts who are
 * away, the asker, people already routed to, and people who may not read the question are never
 * picked. Load is spread: an expert's match is divided by one plus the questions already waiting
 * on them, and among equals the one routed to longest ago goes first.
 *
 * <p>Steps run as background jobs ({@value #JOB}) enqueued in the transaction of the step before.
 * Each step locks the question row and checks that it is still open and that the step has not run,
 * so that with several nodes, retries and crashes every step takes effect exactly once.
 *
 * <p>Thread-safe.
 */
final class Routing {
  static final String JOB = "question.escalate";
  static final String EXPERT = "expert";
  static final String ESCALATED = "escalated";
  static final String COMMUNITY_MANAGER = "community-manager";

  private final Platform platform;
  private final ExpertDirectory experts;
  private final TagStore tags;
  private final QuestionAccess access;
  private final DefaultNotifications notifications;
  private final QuestionSettings settings;

  Routing(Platform platform, ExpertDirectory experts, TagStore tags, QuestionAccess access, DefaultNotifications notifications,
      QuestionSettings settings) {
    this.platform = platform;
    this.experts = experts;
    this.tags = tags;
    this.access = access;
    this.notifications = notifications;
    this.settings = settings;
    platform.jobs().register(JOB, this::escalate);
  }

  /** @return the experts for the tags, best first; called before a transaction since it may ask the host's directory */
  List<Candidate> candidatesFor(String tenant, List<String> questionTags) {
    return experts.candidates(tenant, questionTags);
  }

  /**
   * Routes a question just asked, inside the ask transaction: step 0, with notifications, and the
   * job for the first deadline.
   *
   * @return the ids it was routed to
   */
  List<String> routeNew(Sql sql, String tenant, QuestionRow row, List<Candidate> candidates) throws SQLException {
    List<String> picked = pick(sql, tenant, row, candidates, Set.of(row.author().id()));
    record(sql, tenant, row, picked, 0, EXPERT, NotificationReason.QUESTION_ROUTED);
    schedule(sql, tenant, row, 1, row.createdAt());
    return picked;
  }

  /**
   * Schedules the next step again for a question that became open once more (reopened, or its
   * only answer deleted), a deadline from now. Inside the caller's transaction.
   */
  void resume(Sql sql, String tenant, QuestionRow row) throws SQLException {
    if (row.routingStep() < finalStep()) {
      schedule(sql, tenant, row, row.routingStep() + 1, platform.now());
    }
  }

  private int finalStep() {
    return settings.escalationRounds() + 1;
  }

  private void schedule(Sql sql, String tenant, QuestionRow row, int step, Instant from) throws SQLException {
    Instant due = tags.dueAfter(tenant, row.tags(), from);
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("questionId", row.id());
    payload.put("step", step);
    platform.jobs().enqueue(sql, tenant, JOB, Optional.of("q:" + tenant + ":" + row.id() + ":" + step + ":" + due.getEpochSecond()),
        payload, due, 10);
  }

  /** The job: runs one escalation step of one question, unless it was answered, closed, deleted, or the step ran already. */
  private void escalate(Job job) throws Exception {
    JsonNode payload = Json.MAPPER.readTree(job.payload());
    long questionId = payload.path("questionId").asLong();
    int step = payload.path("step").asInt();
    String tenant = job.tenantId();
    Optional<QuestionRow> before = platform.db().read(sql -> QuestionStore.find(sql, tenant, questionId));
    if (before.isEmpty() || !due(before.get(), step)) {
      return;
    }
    List<Candidate> candidates = step < finalStep() ? experts.candidates(tenant, before.get().tags()) : List.of();
    List<String> managers = tags.communityManagers(tenant, before.get().tags());
    boolean ran = platform.db().transaction(sql -> {
      Optional<QuestionRow> locked = QuestionStore.lock(sql, tenant, questionId);
      if (locked.isEmpty() || !due(locked.get(), step)) {
        return false;
      }
      QuestionRow row = locked.get();
      Set<String> exclude = new HashSet<>(QuestionStore.routedTo(sql, tenant, questionId));
      exclude.add(row.author().id());
      int reached = step;
      List<String> picked = step < finalStep() ? pick(sql, tenant, row, candidates, exclude) : List.of();
      String reason = ESCALATED;
      if (picked.isEmpty()) {
        reached = finalStep();
        reason = COMMUNITY_MANAGER;
        picked = managers(sql, tenant, row, managers);
      }
      record(sql, tenant, row, picked, reached, reason, NotificationReason.QUESTION_ESCALATED);
      Instant now = platform.now();
      sql.update("UPDATE inflow_question SET routing_step = ?, escalated_at = COALESCE(escalated_at, ?) WHERE tenant_id = ? AND id = ?",
          reached, now, tenant, questionId);
      Map<String, Object> event = new LinkedHashMap<>();
      event.put("id", row.idString());
      event.put("escalationLevel", reached);
      event.put("reason", reason);
      event.put("routedTo", List.copyOf(QuestionStore.routedTo(sql, tenant, questionId)));
      platform.events().append(sql, tenant, "question:" + questionId, "question.escalated", Optional.of(row.key()), event);
      if (reached < finalStep()) {
        schedule(sql, tenant, row, reached + 1, job.runAt());
      }
      return true;
    });
    if (ran) {
      platform.events().committed(tenant);
      platform.metrics().increment("inflow_question_escalations_total", "Escalation steps run", "tenant", tenant);
    }
  }

  private static boolean due(QuestionRow row, int step) {
    return !row.deleted() && row.status() == QuestionStatus.OPEN && row.routingStep() < step;
  }

  /** The best available candidates who may read the question, load spread. */
  private List<String> pick(Sql sql, String tenant, QuestionRow row, List<Candidate> candidates, Set<String> exclude) throws SQLException {
    List<Candidate> eligible = new ArrayList<>();
    for (Candidate c : candidates) {
      if (!exclude.contains(c.id()) && access.canRead(Caller.of(tenant, c.user()), row)) {
        eligible.add(c);
      }
    }
    List<String> ids = eligible.stream().map(Candidate::id).toList();
    Set<String> away = ExpertDirectory.away(sql, tenant, ids);
    Map<String, Integer> load = ExpertDirectory.openLoad(sql, tenant, ids);
    Map<String, Instant> lastRouted = lastRouted(sql, tenant, ids);
    return eligible.stream()
        .filter(c -> !away.contains(c.id()))
        .sorted(Comparator.<Candidate>comparingDouble(c -> -c.score() / (1 + load.getOrDefault(c.id(), 0)))
            .thenComparing(c -> lastRouted.getOrDefault(c.id(), Instant.EPOCH))
            .thenComparing(Candidate::id))
        .limit(settings.expertsPerStep())
        .map(Candidate::id)
        .toList();
  }

  /** The tags' community managers, else the tenant's moderators, who may read the question; never the asker. */
  private List<String> managers(Sql sql, String tenant, QuestionRow row, List<String> configured) throws SQLException {
    Set<String> ids = new LinkedHashSet<>(configured);
    if (ids.isEmpty()) {
      sql.list("SELECT id FROM inflow_user WHERE tenant_id = ? AND (roles LIKE '%moderator%' OR roles LIKE '%admin%') ORDER BY id LIMIT ?",
          r -> ids.add(r.string("id")), tenant, settings.expertsPerStep() + 1);
    }
    ids.remove(row.author().id());
    List<String> readable = new ArrayList<>();
    for (String id : ids) {
      var user = platform.users().find(tenant, id);
      if (user.isPresent() && access.canRead(Caller.of(tenant, user.get()), row)) {
        readable.add(id);
      }
    }
    return readable;
  }

  private void record(Sql sql, String tenant, QuestionRow row, List<String> picked, int step, String reason, NotificationReason why)
      throws SQLException {
    Instant now = platform.now();
    for (String userId : picked) {
      QuestionStore.addRouting(sql, tenant, row.id(), userId, step, reason, now);
      notifications.send(sql, tenant, new NewNotification(userId, why, Optional.of(row.id()), Optional.empty(), row.key(), row.title(),
          Optional.empty()));
    }
    if (!picked.isEmpty()) {
      platform.metrics().increment("inflow_question_routings_total", "People a question was routed to", "reason", reason);
    }
  }

  private static Map<String, Instant> lastRouted(Sql sql, String tenant, List<String> ids) throws SQLException {
    Map<String, Instant> last = new HashMap<>();
    if (ids.isEmpty()) {
      return last;
    }
    List<Object> params = new ArrayList<>(ids);
    params.add(tenant);
    sql.list("SELECT r.user_id, MAX(r.routed_at) AS last_at FROM " + Sql.valuesTable(ids.size(), ExpertDirectory.USER_ID_TYPE, "k", "id")
        + " JOIN inflow_question_routing r ON r.tenant_id = ? AND r.user_id = k.id GROUP BY r.user_id",
        row -> last.put(row.string("user_id"), row.instant("last_at")), params.toArray());
    return last;
  }
}
