package dev.inflow.servlet.internal.notification;

import dev.inflow.core.Caller;
import dev.inflow.core.InvalidInputException;
import dev.inflow.core.Page;
import dev.inflow.core.notification.EmailDelivery;
import dev.inflow.core.notification.EmailPreference;
import dev.inflow.core.notification.Notification;
import dev.inflow.core.notification.Notifications;
import dev.inflow.core.notification.internal.DefaultNotifications;
import dev.inflow.servlet.internal.http.Exchange;
import dev.inflow.servlet.internal.http.Reply;
import dev.inflow.servlet.internal.http.Route.Access;
import dev.inflow.servlet.internal.http.Router;
import dev.inflow.servlet.internal.live.LiveTopics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The caller's notifications ({@code GET /api/v1/notifications}, {@code POST
 * /api/v1/notifications/read}), their e-mail preference ({@code GET/PUT
 * /api/v1/notifications/preferences}) and the live topic {@code notifications}, which always means the
 * caller's own.
 */
public final class NotificationRoutes {
  record ReadBody(List<String> ids, Boolean all) {}

  record PreferenceBody(String email, String address) {}

  private final Notifications notifications;

  private NotificationRoutes(Notifications notifications) {
    this.notifications = notifications;
  }

  public static void register(Router router, Notifications notifications, LiveTopics topics) {
    NotificationRoutes r = new NotificationRoutes(notifications);
    router.add("GET", "/api/v1/notifications", Access.READ, r::list)
        .add("POST", "/api/v1/notifications/read", Access.WRITE, r::markRead)
        .add("GET", "/api/v1/notifications/preferences", Access.READ, r::preferences)
        .add("PUT", "/api/v1/notifications/preferences", Access.WRITE, r::setPreferences);
    topics.register("notifications", (caller, name, argument) -> {
      if (!name.equals("notifications")) {
        throw new InvalidInputException("topics", "the notifications topic is just 'notifications' (your own)");
      }
      String userId = caller.requireUser("get your notifications").id();
      return new LiveTopics.Resolved(name, DefaultNotifications.topicOf(userId), event -> true);
    });
  }

  private Reply list(Exchange ex) {
    Caller caller = ex.caller();
    boolean unread = ex.query("unread").map(NotificationRoutes::flag).orElse(false);
    Page<Notification> page = notifications.list(caller, unread, ex.page(20));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("items", page.items());
    body.put("next", page.next().orElse(null));
    body.put("unreadCount", notifications.unreadCount(caller));
    return Reply.ok(body);
  }

  private Reply markRead(Exchange ex) throws Exception {
    ReadBody body = ex.body(ReadBody.class);
    boolean all = Boolean.TRUE.equals(body.all());
    if (all == (body.ids() != null)) {
      throw new InvalidInputException("ids", "send either {\"ids\": [\"12\", ...]} or {\"all\": true}");
    }
    long unread = all ? notifications.markAllRead(ex.caller()) : notifications.markRead(ex.caller(), body.ids());
    return Reply.ok(Map.of("unreadCount", unread));
  }

  private Reply preferences(Exchange ex) {
    return Reply.ok(notifications.emailPreference(ex.caller()));
  }

  private Reply setPreferences(Exchange ex) throws Exception {
    PreferenceBody body = ex.body(PreferenceBody.class);
    EmailPreference wanted = EmailPreference.of(EmailDelivery.parse(body.email()), Optional.ofNullable(body.address()));
    return Reply.ok(notifications.setEmailPreference(ex.caller(), wanted));
  }

  private static boolean flag(String value) {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw new InvalidInputException("unread", "unread is true or false (got '" + value + "')");
    };
  }
}
