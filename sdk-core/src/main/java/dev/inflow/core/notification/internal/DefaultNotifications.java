package dev.inflow.core.notification.internal;

import dev.inflow.core.Author;
import dev.inflow.core.Caller;
import dev.inflow.core.InvalidInputException;
import dev.inflow.core.Page;
import dev.inflow.core.PageRequest;
import dev.inflow.core.User;
import dev.inflow.core.internal.Cursors;
import dev.inflow.core.internal.Platform;
import dev.inflow.core.internal.db.Row;
import dev.inflow.core.internal.json.Json;
import dev.inflow.core.internal.db.Sql;
import dev.inflow.core.notification.EmailDelivery;
import dev.inflow.core.notification.EmailPreference;
import dev.inflow.core.notification.Notification;
import dev.inflow.core.notification.NotificationReason;
import dev.inflow.core.notification.Notifications;
import dev.inflow.core.notification.Notifier;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Notifications in {@code inflow_notification}. Features call {@link #send} inside the transaction
 * of the change that causes the notification, so both commit together; the event on the stored
 * topic {@code notifications:{userId}} carries it to the recipient's live connections.
 *
 * <p>Events on {@code notifications:} topics are private to their recipient: the live channel
 * serves them only to that user. They may tie a person to an anonymous question they asked (a
 * notification about an answer to it), so they must never be forwarded to anyone else (webhooks,
 * feeds, analytics).
 *
 * <p>Thread-safe.
 */
public final class DefaultNotifications implements Notifications {
  static final int MAX_IDS = 100;
  /** Deliberately loose: one @, no spaces or line breaks (which could inject headers), a dot in the domain. */
  private static final java.util.regex.Pattern EMAIL = java.util.regex.Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
  /** Rows looked at per page while skipping notifications the recipient may no longer read. */
  private static final int SCAN_LIMIT = 500;
  private static final String COLUMNS = "n.id, n.recipient_id, n.reason, n.question_id, n.answer_id, n.comment_id, n.target_key, n.title, n.url,"
      + " n.actor_id, u.name AS actor_name, u.avatar_url AS actor_avatar, n.created_at, n.read_at";
  private static final String FROM = " FROM inflow_notification n"
      + " LEFT JOIN inflow_user u ON u.tenant_id = n.tenant_id AND u.id = n.actor_id";

  /** The query of one notification as its recipient sees it; add a WHERE clause. */
  static final String SELECT = "SELECT " + COLUMNS + FROM;
  private final Platform platform;
  private final Optional<EmailDeliveries> emails;

  /** @param notifier sends notifications by e-mail as each user chooses; empty: no e-mail */
  public DefaultNotifications(Platform platform, Optional<Notifier> notifier) {
    this.platform = platform;
    this.emails = notifier.map(n -> new EmailDeliveries(platform, n));
  }

  /** @return the stored live topic of a user's notifications */
  public static String topicOf(String userId) {
    return "notifications:" + userId;
  }

  /**
   * Records a notification and its live event inside the caller's transaction. Nothing is sent to
   * the person who caused it. Call {@code platform.events().committed(tenant)} after the commit.
   */
  public void send(Sql sql, String tenant, NewNotification n) throws SQLException {
    if (n.actorId().filter(n.recipientId()::equals).isPresent()) {
      return;
    }
    long id = sql.insert("INSERT INTO inflow_notification (tenant_id, recipient_id, reason, question_id, answer_id, comment_id, target_key,"
        + " title, url, actor_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "id",
        tenant, n.recipientId(), n.reason().wireName(), n.questionId(), n.answerId(), n.commentId(), n.accessKey(),
        abbreviate(n.title(), 300), n.url().filter(u -> u.length() <= 2000), n.actorId(), platform.now());
    Notification created = sql.one("SELECT " + COLUMNS + FROM + " WHERE n.tenant_id = ? AND n.id = ?", DefaultNotifications::map, tenant, id)
        .orElseThrow();
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("notification", forChannel(created));
    payload.put("unreadCount", unread(sql, tenant, n.recipientId()));
    platform.events().append(sql, tenant, topicOf(n.recipientId()), "notification.created", Optional.of(n.accessKey()), payload);
    if (emails.isPresent()) {
      emails.get().queue(sql, tenant, n.recipientId(), id);
    }
    platform.metrics().increment("inflow_notifications_total", "Notifications sent", "reason", n.reason().wireName());
  }

  @Override
  public Page<Notification> list(Caller caller, boolean unreadOnly, PageRequest page) {
    User user = caller.requireUser("see your notifications");
    long before = page.cursor().map(c -> Cursors.number(Cursors.decode(c, "n", 1).get(0))).orElse(Long.MAX_VALUE);
    return platform.db().read(sql -> {
      List<Notification> picked = new ArrayList<>();
      long position = before;
      boolean exhausted = false;
      int scanned = 0;
      while (picked.size() <= page.limit() && scanned < SCAN_LIMIT) {
        int batch = page.limit() + 1;
        List<Notification> rows = sql.list("SELECT " + COLUMNS + FROM + " WHERE n.tenant_id = ? AND n.recipient_id = ? AND n.id < ?"
            + (unreadOnly ? " AND n.read_at IS NULL" : "") + " ORDER BY n.id DESC LIMIT ?", DefaultNotifications::map,
            caller.tenantId(), user.id(), position, batch);
        for (Notification n : rows) {
          position = Long.parseLong(n.id());
          if (picked.size() <= page.limit() && n.targetKey().map(k -> platform.accessPolicy().canRead(caller, k)).orElse(true)) {
            picked.add(n);
          }
        }
        scanned += rows.size();
        if (rows.size() < batch) {
          exhausted = true;
          break;
        }
      }
      boolean more = picked.size() > page.limit() || (!exhausted && scanned >= SCAN_LIMIT);
      List<Notification> items = picked.size() > page.limit() ? picked.subList(0, page.limit()) : picked;
      long last = items.isEmpty() ? position : Long.parseLong(items.get(items.size() - 1).id());
      return new Page<>(items, more ? Optional.of(Cursors.encode("n", last)) : Optional.empty());
    });
  }

  @Override
  public long unreadCount(Caller caller) {
    User user = caller.requireUser("see your notifications");
    return platform.db().read(sql -> unread(sql, caller.tenantId(), user.id()));
  }

  @Override
  public long markRead(Caller caller, Collection<String> ids) {
    User user = caller.requireUser("mark notifications read");
    if (ids.size() > MAX_IDS) {
      throw new InvalidInputException("ids", "at most " + MAX_IDS + " ids per request (got " + ids.size() + ")");
    }
    List<Long> numbers = new ArrayList<>();
    for (String id : new LinkedHashSet<>(ids)) {
      if (id == null) {
        throw new InvalidInputException("ids", "ids are notification ids such as \"42\", not null");
      }
      try {
        numbers.add(Long.parseLong(id));
      } catch (NumberFormatException e) {
        throw new InvalidInputException("ids", "ids are notification ids such as \"42\" (got '" + abbreviate(id) + "')");
      }
    }
    if (numbers.isEmpty()) {
      return unreadCount(caller);
    }
    return mark(caller, user, " AND id IN (" + Sql.placeholders(numbers) + ")", numbers, Map.of("ids", ids));
  }

  @Override
  public long markAllRead(Caller caller) {
    User user = caller.requireUser("mark notifications read");
    return mark(caller, user, "", List.of(), Map.of("all", true));
  }

  @Override
  public EmailPreference emailPreference(Caller caller) {
    User user = caller.requireUser("see your e-mail settings");
    return platform.db().read(sql -> EmailDeliveries.load(sql, caller.tenantId(), user.id(), emails.isPresent()))
        .orElse(new EmailPreference(EmailDelivery.OFF, Optional.empty(), emails.isPresent()));
  }

  @Override
  public EmailPreference setEmailPreference(Caller caller, EmailPreference preference) {
    User user = caller.requireUser("change your e-mail settings");
    Optional<String> address = preference.address().map(String::strip).filter(a -> !a.isEmpty());
    if (address.isPresent() && (address.get().length() > 320 || !EMAIL.matcher(address.get()).matches())) {
      throw new InvalidInputException("address", "address is an e-mail address such as ana@example.com, at most 320 characters");
    }
    if (address.isEmpty() && preference.email() != EmailDelivery.OFF) {
      throw new InvalidInputException("address", "an address is needed for " + preference.email().wireName() + " e-mail");
    }
    platform.rateLimiter().acquireWrite(caller);
    String tenant = caller.tenantId();
    platform.db().transaction(sql -> {
      if (sql.update("UPDATE inflow_notification_preference SET email = ?, address = ?, updated_at = ? WHERE tenant_id = ? AND user_id = ?",
          preference.email().wireName(), address, platform.now(), tenant, user.id()) == 0) {
        // The first digest covers what arrives from now on, not the user's whole history.
        sql.update("INSERT INTO inflow_notification_preference (tenant_id, user_id, email, address, last_digest_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?)", tenant, user.id(), preference.email().wireName(), address, platform.now(), platform.now());
      }
      return null;
    });
    return emailPreference(caller);
  }

  private long mark(Caller caller, User user, String condition, List<Long> ids, Map<String, Object> what) {
    platform.rateLimiter().acquireWrite(caller);
    String tenant = caller.tenantId();
    long unread = platform.db().transaction(sql -> {
      List<Object> params = new ArrayList<>(List.of(platform.now(), tenant, user.id()));
      params.addAll(ids);
      int changed = sql.update("UPDATE inflow_notification SET read_at = ? WHERE tenant_id = ? AND recipient_id = ? AND read_at IS NULL"
          + condition, params.toArray());
      long left = unread(sql, tenant, user.id());
      if (changed > 0) {
        Map<String, Object> payload = new LinkedHashMap<>(what);
        payload.put("unreadCount", left);
        platform.events().append(sql, tenant, topicOf(user.id()), "notification.read", Optional.empty(), payload);
      }
      return left;
    });
    platform.events().committed(tenant);
    return unread;
  }

  /** The notification as its recipient's live channel carries it: the recipient is implied by the channel. */
  private static Map<String, Object> forChannel(Notification n) {
    Map<String, Object> shape = Json.MAPPER.convertValue(n, Json.MAPPER.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class));
    shape.remove("recipientId");
    return shape;
  }

  private static long unread(Sql sql, String tenant, String userId) throws SQLException {
    return sql.count("SELECT COUNT(*) FROM inflow_notification WHERE tenant_id = ? AND recipient_id = ? AND read_at IS NULL", tenant, userId);
  }

  static Notification map(Row row) throws SQLException {
    Optional<String> actorId = row.optionalString("actor_id");
    Optional<Author> actor = actorId.isEmpty() ? Optional.empty()
        : Optional.of(new Author(actorId.get(), row.optionalString("actor_name").orElse(actorId.get()), row.optionalString("actor_avatar")));
    return new Notification(
        Long.toString(row.longValue("id")),
        row.string("recipient_id"),
        NotificationReason.parse(row.string("reason")),
        row.optionalLong("question_id").map(String::valueOf),
        row.optionalLong("answer_id").map(String::valueOf),
        row.optionalLong("comment_id").map(String::valueOf),
        row.optionalString("target_key"),
        row.string("title"),
        row.optionalString("url"),
        actor,
        row.instant("created_at"),
        row.optionalInstant("read_at"));
  }

  private static String abbreviate(String s) {
    return abbreviate(s, 40);
  }

  private static String abbreviate(String s, int max) {
    return s.length() > max ? s.substring(0, max - 1) + "…" : s;
  }
}
