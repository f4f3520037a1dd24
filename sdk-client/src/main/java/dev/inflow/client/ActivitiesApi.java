package dev.inflow.client;

import dev.inflow.client.internal.ApiCall;
import dev.inflow.client.internal.ApiPath;
import dev.inflow.client.internal.IdempotencyKeys;
import dev.inflow.client.internal.ResourceJson;
import dev.inflow.client.internal.Transport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Activities a host backend publishes ("Ana completed Java 101"), from
 * {@link InflowClient#activities()}. Publishing needs a token whose roles hold {@code service};
 * such a token may name the acting user in the activity.
 *
 * <p>Thread-safe; share it with the client.
 */
public final class ActivitiesApi {
  private final Transport transport;

  ActivitiesApi(Transport transport) {
    this.transport = transport;
  }

  /**
   * Publishes an activity with a fresh {@code Idempotency-Key}, the same on every retry.
   *
   * @return the activity as recorded
   * @throws ForbiddenException when the token has no {@code service} role
   * @throws InvalidRequestException naming the field the server refused ({@code verb}, {@code object.id}, ...)
   */
  public Activity publish(NewActivity activity) {
    return publish(activity, IdempotencyKeys.fresh());
  }

  /**
   * Publishes an activity with the caller's own idempotency key. A job that may run again over the
   * same input (an import from a CSV export) derives the key from the input row, so that a second
   * run returns the recorded activities instead of publishing them again.
   *
   * @param idempotencyKey 1 to 255 visible ASCII characters, e.g. {@code lms-completion-ana-java-101}
   * @return the activity as recorded (first time) or as it was recorded (repeat)
   * @throws ConflictException when the key was used for a different activity
   */
  public Activity publish(NewActivity activity, String idempotencyKey) {
    Objects.requireNonNull(activity, "activity");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("verb", activity.verb());
    body.put("object", object(activity.object()));
    activity.target().ifPresent(target -> body.put("target", object(target)));
    activity.actorId().ifPresent(id -> {
      Map<String, Object> actor = new LinkedHashMap<>();
      actor.put("id", id);
      activity.actorName().ifPresent(name -> actor.put("name", name));
      body.put("actor", actor);
    });
    if (!activity.tags().isEmpty()) {
      body.put("tags", List.copyOf(activity.tags()));
    }
    activity.xapi().ifPresent(x -> body.put("xapi", x));
    return transport.call(ApiCall.post(ApiPath.v1("activities"), body).idempotencyKey(IdempotencyKeys.require(idempotencyKey)),
        ResourceJson::activity);
  }

  /** @return the activity with the id */
  public Activity get(String activityId) {
    return transport.call(ApiCall.get(ApiPath.v1("activities").segment("activityId", activityId)), ResourceJson::activity);
  }

  private static Map<String, Object> object(ActivityObject object) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", object.id());
    out.put("type", object.type());
    out.put("name", object.name());
    object.url().ifPresent(url -> out.put("url", url));
    return out;
  }
}
