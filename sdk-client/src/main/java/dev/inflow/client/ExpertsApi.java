package dev.inflow.client;

import dev.inflow.client.internal.ApiCall;
import dev.inflow.client.internal.ApiPath;
import dev.inflow.client.internal.ResourceJson;
import dev.inflow.client.internal.Transport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The experts directory, declared expertise, the tenant's tags and the community managers' queue,
 * from {@link InflowClient#experts()}.
 *
 * <p>Thread-safe; share it with the client.
 */
public final class ExpertsApi {
  private final Transport transport;

  ExpertsApi(Transport transport) {
    this.transport = transport;
  }

  /**
   * @param tag only experts for this tag, ranked for it; empty for everyone ranked overall
   * @param limit at most this many, 1 to 100
   * @return the experts, best first; unmodifiable
   */
  public List<Expert> list(Optional<String> tag, int limit) {
    ApiCall call = ApiCall.get(ApiPath.v1("experts")).query("limit", Integer.toString(limit));
    if (tag.isPresent()) {
      call = call.query("tag", tag.get());
    }
    return List.copyOf(transport.call(call, ResourceJson.list(ResourceJson::expert)));
  }

  /** @return the 20 best experts for the tag; unmodifiable */
  public List<Expert> forTag(String tag) {
    return list(Optional.of(Objects.requireNonNull(tag, "tag")), 20);
  }

  /**
   * Replaces a user's declared expertise: one's own, or anyone's as an administrator.
   *
   * @param tags the tags; none to clear them
   * @return the expert after the change
   * @throws ForbiddenException when declaring for someone else without being an administrator
   */
  public Expert declare(String userId, List<String> tags) {
    ApiCall call = new ApiCall("PUT", user(userId).then("tags"), Map.of(), Map.of("tags", List.copyOf(tags)), Map.of(), true);
    return transport.call(call, ResourceJson::expert);
  }

  /**
   * Says whether a user is away: away experts get no questions routed to them.
   *
   * @return the expert after the change
   */
  public Expert setAway(String userId, boolean away) {
    ApiCall call = new ApiCall("PUT", user(userId).then("away"), Map.of(), Map.of("away", away), Map.of(), true);
    return transport.call(call, ResourceJson::expert);
  }

  /** @return the tenant's tags with their settings; unmodifiable */
  public List<Tag> tags() {
    return List.copyOf(transport.call(ApiCall.get(ApiPath.v1("tags")), ResourceJson.list(ResourceJson::tag)));
  }

  /**
   * Creates or changes a tag, as an administrator.
   *
   * @param settings what to set; what is empty stays as it is
   * @return the tag after the change
   * @throws ForbiddenException for users who are no administrators
   */
  public Tag defineTag(String tag, TagSettings settings) {
    Map<String, Object> body = new LinkedHashMap<>();
    settings.description().ifPresent(d -> body.put("description", d));
    settings.communityManagers().ifPresent(m -> body.put("communityManagers", m));
    settings.deadline().ifPresent(d -> body.put("deadlineMinutes", d.toMinutes()));
    ApiCall call = new ApiCall("PUT", ApiPath.v1("tags").segment("tag", tag), Map.of(), body, Map.of(), true);
    return transport.call(call, ResourceJson::tag);
  }

  /**
   * @param tag only this tag; empty for every tag the user manages
   * @return per tag, the questions waiting for a community manager; unmodifiable
   */
  public List<TagQueue> communityQueue(Optional<String> tag) {
    ApiCall call = ApiCall.get(ApiPath.v1("community", "queue"));
    if (tag.isPresent()) {
      call = call.query("tag", tag.get());
    }
    return List.copyOf(transport.call(call, ResourceJson.list(ResourceJson::tagQueue)));
  }

  private static ApiPath user(String userId) {
    return ApiPath.v1("experts").segment("userId", userId);
  }
}
