package dev.inflow.client;

import dev.inflow.client.internal.ApiCall;
import dev.inflow.client.internal.ApiPath;
import dev.inflow.client.internal.Paging;
import dev.inflow.client.internal.ResourceJson;
import dev.inflow.client.internal.Transport;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The signed-in user's notifications (questions routed to them, answers to their questions, ...),
 * from {@link InflowClient#notifications()}. Follow new ones live with
 * {@link LiveTopic#notifications()}.
 *
 * <p>Thread-safe; share it with the client.
 */
public final class NotificationsApi {
  private final Transport transport;

  NotificationsApi(Transport transport) {
    this.transport = transport;
  }

  /**
   * @param unreadOnly whether to leave out notifications already read
   * @return one page, newest first, with the unread count
   * @throws UnauthorizedException when the client sends no token
   */
  public NotificationPage list(boolean unreadOnly, PageOptions page) {
    ApiCall call = ApiCall.get(ApiPath.v1("notifications")).query("unread", Boolean.toString(unreadOnly))
        .query("limit", Integer.toString(page.limit()));
    if (page.cursor().isPresent()) {
      call = call.query("cursor", page.cursor().get());
    }
    return transport.call(call, ResourceJson::notificationPage);
  }

  /** @return every notification (or every unread one), fetched page by page as the stream is consumed */
  public Stream<Notification> stream(boolean unreadOnly) {
    PageOptions first = PageOptions.first().limit(50);
    return Paging.stream(first.cursor(), cursor -> list(unreadOnly, first.at(cursor)).page());
  }

  /** @return how many notifications the user has not read */
  public long unreadCount() {
    return list(true, PageOptions.first().limit(1)).unreadCount();
  }

  /**
   * Marks notifications read; ids of other users' notifications are ignored.
   *
   * @return the unread count afterwards
   */
  public long markRead(Collection<String> ids) {
    return transport.call(ApiCall.post(ApiPath.v1("notifications", "read"), Map.of("ids", List.copyOf(ids))).asRepeatable(),
        ResourceJson::unreadCount);
  }

  /** @return the unread count afterwards: 0 */
  public long markAllRead() {
    return transport.call(ApiCall.post(ApiPath.v1("notifications", "read"), Map.of("all", true)).asRepeatable(),
        ResourceJson::unreadCount);
  }
}
