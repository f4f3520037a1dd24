package dev.inflow.core.notification;

import java.util.List;
import java.util.Objects;

/**
 * A message about one notification (instant delivery) or several (the daily digest).
 *
 * @param id stable across retries of the same message, e.g. {@code notification-default-42}
 * @param tenantId the recipient's tenant
 * @param recipientId the recipient's user id
 * @param address where to send it, as the recipient set it
 * @param subject a one-line English subject
 * @param text the plain-text body, one line per notification with its link where known
 * @param notifications what it is about, newest first
 */
public record NotificationEmail(String id, String tenantId, String recipientId, String address, String subject, String text,
    List<Notification> notifications) {
  public NotificationEmail {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(recipientId, "recipientId");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(text, "text");
    notifications = List.copyOf(notifications);
  }
}
