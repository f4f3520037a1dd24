package dev.inflow.client;

import dev.inflow.client.internal.ApiCall;
import dev.inflow.client.internal.ApiPath;
import dev.inflow.client.internal.Paging;
import dev.inflow.client.internal.ResourceJson;
import dev.inflow.client.internal.Transport;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The activity feeds, newest first, from {@link InflowClient#feed()}: the signed-in user's home
 * feed (what they follow), and the feeds of a target, a topic (tag) and a person. Activities the
 * user may not read are left out.
 *
 * <p>Thread-safe; share it with the client.
 */
public final class FeedApi {
  private final Transport transport;

  FeedApi(Transport transport) {
    this.transport = transport;
  }

  /**
   * @return one page of what the user follows
   * @throws UnauthorizedException when the client sends no token
   */
  public FeedPage home(PageOptions page) {
    return read(ApiPath.v1("feed"), page);
  }

  /** @return every activity of the home feed, fetched page by page as the stream is consumed */
  public Stream<Activity> streamHome() {
    return stream(this::home);
  }

  /** @return one page of what happened on a target, e.g. {@code course:java-101} */
  public FeedPage target(String targetKey, PageOptions page) {
    return read(ApiPath.v1("feed", "targets").targetKey(targetKey), page);
  }

  /** @return every activity on a target, fetched page by page as the stream is consumed */
  public Stream<Activity> streamTarget(String targetKey) {
    ApiPath.v1("feed", "targets").targetKey(targetKey); // a key no URL can carry fails here, not at the first page
    return stream(page -> target(targetKey, page));
  }

  /** @return one page of activities tagged with the topic */
  public FeedPage topic(String tag, PageOptions page) {
    return read(ApiPath.v1("feed", "topics").segment("tag", tag), page);
  }

  /** @return every activity tagged with the topic, fetched page by page */
  public Stream<Activity> streamTopic(String tag) {
    return stream(page -> topic(tag, page));
  }

  /** @return one page of what a person did */
  public FeedPage user(String userId, PageOptions page) {
    return read(ApiPath.v1("feed", "users").segment("userId", userId), page);
  }

  /** @return every activity of a person, fetched page by page */
  public Stream<Activity> streamUser(String userId) {
    return stream(page -> user(userId, page));
  }

  private FeedPage read(ApiPath path, PageOptions page) {
    ApiCall call = ApiCall.get(path).query("limit", Integer.toString(page.limit()));
    if (page.cursor().isPresent()) {
      call = call.query("cursor", page.cursor().get());
    }
    return transport.call(call, ResourceJson::feedPage);
  }

  private static Stream<Activity> stream(Function<PageOptions, FeedPage> fetch) {
    PageOptions first = PageOptions.first().limit(50);
    return Paging.stream(first.cursor(), cursor -> fetch.apply(first.at(cursor)).page());
  }
}
