package dev.inflow.core.notification.internal;

import dev.inflow.core.Author;
import dev.inflow.core.Caller;
import dev.inflow.core.User;
import dev.inflow.core.internal.Platform;
import dev.inflow.core.internal.db.Sql;
import dev.inflow.core.internal.jobs.Job;
import dev.inflow.core.internal.json.Json;
import dev.inflow.core.notification.EmailDelivery;
import dev.inflow.core.notification.EmailPreference;
import dev.inflow.core.notification.Notification;
import dev.inflow.core.notification.NotificationEmail;
import dev.inflow.core.notification.Notifier;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Notification e-mail through the jobs queue: a notification to someone who chose instant e-mail
 * enqueues a job for it in the notification's own transaction; one to someone who chose the daily
 * digest enqueues (once per day) the digest job due at the next {@value EmailPreference#DIGEST_HOUR_UTC}:00
 * UTC. The jobs retry with backoff and are dead-lettered after {@value #ATTEMPTS} attempts.
 *
 * <p>Each job reads the preference again when it runs: a user who switched e-mail off, or read
 * the notification in the meantime, gets nothing; neither does one who may no longer read what it
 * is about.
 *
 * <p>Thread-safe.
 */
final class EmailDeliveries {
  static final String INSTANT_JOB = "notification.email";
  static final String DIGEST_JOB = "notification.digest";
  static final int ATTEMPTS = 8;
  /** The most notifications one digest lists; the rest wait in the bell. */
  static final int DIGEST_MAX = 50;
  private final Platform platform;
  private final Notifier notifier;

  EmailDeliveries(Platform platform, Notifier notifier) {
    this.platform = platform;
    this.notifier = notifier;
    platform.jobs().register(INSTANT_JOB, this::sendOne);
    platform.jobs().register(DIGEST_JOB, this::sendDigest);
  }

  /** Inside the notification's transaction: queues what the recipient's preference asks for. */
  void queue(Sql sql, String tenant, String recipientId, long notificationId) throws SQLException {
    Optional<EmailPreference> preference = load(sql, tenant, recipientId, true);
    if (preference.isEmpty() || preference.get().address().isEmpty()) {
      return;
    }
    Instant now = platform.now();
    switch (preference.get().email()) {
      case INSTANT -> platform.jobs().enqueue(sql, tenant, INSTANT_JOB, Optional.of(Long.toString(notificationId)),
          Map.of("id", notificationId), now, ATTEMPTS);
      case DAILY -> {
        Instant due = nextDigest(now);
        platform.jobs().enqueue(sql, tenant, DIGEST_JOB, Optional.of(recipientId + "|" + LocalDate.ofInstant(due, ZoneOffset.UTC)),
            Map.of("userId", recipientId), due, ATTEMPTS);
      }
      case OFF -> { }
    }
  }

  static Instant nextDigest(Instant now) {
    Instant today = now.truncatedTo(ChronoUnit.DAYS).plus(EmailPreference.DIGEST_HOUR_UTC, ChronoUnit.HOURS);
    return today.isAfter(now) ? today : today.plus(1, ChronoUnit.DAYS);
  }

  private void sendOne(Job job) throws Exception {
    String tenant = job.tenantId();
    long id = Json.MAPPER.readTree(job.payload()).path("id").asLong();
    Optional<Notification> found = platform.db().read(sql -> sql.one(DefaultNotifications.SELECT + " WHERE n.tenant_id = ? AND n.id = ?",
        DefaultNotifications::map, tenant, id));
    if (found.isEmpty() || found.get().read()) {
      return;
    }
    Notification n = found.get();
    Optional<String> address = platform.db().read(sql -> load(sql, tenant, n.recipientId(), false))
        .filter(p -> p.email() == EmailDelivery.INSTANT).flatMap(EmailPreference::address);
    if (address.isEmpty() || !readable(tenant, n)) {
      return;
    }
    notifier.send(new NotificationEmail("notification-" + tenant + "-" + id, tenant, n.recipientId(), address.get(), subjectOf(n),
        lineOf(n) + "\n", List.of(n)));
  }

  private void sendDigest(Job job) throws Exception {
    String tenant = job.tenantId();
    String userId = Json.MAPPER.readTree(job.payload()).path("userId").asText();
    Optional<EmailPreference> preference = platform.db().read(sql -> load(sql, tenant, userId, false));
    if (preference.isEmpty() || preference.get().email() != EmailDelivery.DAILY || preference.get().address().isEmpty()) {
      return;
    }
    // The period ends at the job's due time, not at whenever a retry runs, so a retry sends the same digest.
    Instant until = job.runAt();
    Instant since = platform.db().read(sql -> sql.one("SELECT last_digest_at FROM inflow_notification_preference WHERE tenant_id = ? AND user_id = ?",
        row -> row.optionalInstant("last_digest_at"), tenant, userId)).flatMap(o -> o).orElse(Instant.EPOCH);
    List<Notification> unread = platform.db().read(sql -> sql.list(DefaultNotifications.SELECT
        + " WHERE n.tenant_id = ? AND n.recipient_id = ? AND n.read_at IS NULL AND n.created_at > ? AND n.created_at <= ?"
        + " ORDER BY n.id DESC LIMIT " + DIGEST_MAX, DefaultNotifications::map, tenant, userId, since, until))
        .stream().filter(n -> readable(tenant, n)).toList();
    if (!unread.isEmpty()) {
      String subject = unread.size() == 1 ? subjectOf(unread.get(0)) : unread.size() + " new notifications from Inflow";
      String text = "What happened since your last digest:\n\n" + unread.stream().map(n -> "- " + lineOf(n)).collect(Collectors.joining("\n")) + "\n";
      notifier.send(new NotificationEmail("digest-" + tenant + "-" + userId + "-" + LocalDate.ofInstant(until, ZoneOffset.UTC), tenant, userId,
          preference.get().address().get(), subject, text, unread));
    }
    platform.db().transaction(sql -> sql.update("UPDATE inflow_notification_preference SET last_digest_at = ? WHERE tenant_id = ? AND user_id = ?"
        + " AND (last_digest_at IS NULL OR last_digest_at < ?)", until, tenant, userId, until));
  }

  private boolean readable(String tenant, Notification n) {
    User user = platform.users().find(tenant, n.recipientId()).orElse(User.of(n.recipientId(), n.recipientId()));
    return n.targetKey().map(key -> platform.accessPolicy().canRead(Caller.of(tenant, user), key)).orElse(true);
  }

  static Optional<EmailPreference> load(Sql sql, String tenant, String userId, boolean available) throws SQLException {
    return sql.one("SELECT email, address FROM inflow_notification_preference WHERE tenant_id = ? AND user_id = ?",
        row -> new EmailPreference(EmailDelivery.parse(row.string("email")), row.optionalString("address"), available), tenant, userId);
  }

  static String subjectOf(Notification n) {
    String who = n.actor().map(Author::name).orElse("Someone");
    return switch (n.reason()) {
      case QUESTION_ROUTED -> "A question for you: " + n.title();
      case QUESTION_ESCALATED -> "Still unanswered: " + n.title();
      case ANSWER_POSTED -> who + " answered your question “" + n.title() + "”";
      case ANSWER_ACCEPTED -> "Your answer to “" + n.title() + "” was accepted";
      case ANSWER_VERIFIED -> "Your answer to “" + n.title() + "” was verified";
      case COMMENT_REPLIED -> who + " replied to your comment on " + n.title();
      case MENTIONED -> who + " mentioned you on " + n.title();
    };
  }

  private static String lineOf(Notification n) {
    return subjectOf(n) + n.url().map(u -> "\n  " + u).orElse("");
  }
}
