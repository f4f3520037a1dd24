package dev.inflow.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An activity a host backend publishes with {@link ActivitiesApi#publish}, in Activity Streams
 * shape ({@code actor verb object [target]}):
 *
 * <pre>{@code
 * NewActivity completed = NewActivity.builder("completed", "course:java-101", "Java 101")
 *     .objectType("course").objectUrl("https://lms.example.com/courses/java-101")
 *     .actor("ana", "Ana Lima").tags("java").build();
 * }</pre>
 *
 * @param verb what happened, e.g. {@code completed}
 * @param object what it happened to
 * @param target where, if anywhere
 * @param actorId who did it; empty for the service itself
 * @param actorName the actor's display name, if the host knows it better than Inflow
 * @param tags topics, which route it to topic feeds; unmodifiable
 * @param xapi whether to send it to the Learning Record Store too; empty for the server's default
 */
public record NewActivity(String verb, ActivityObject object, Optional<ActivityObject> target, Optional<String> actorId,
    Optional<String> actorName, List<String> tags, Optional<Boolean> xapi) {
  /** @throws NullPointerException when a component or tag is null */
  public NewActivity {
    Objects.requireNonNull(verb, "verb");
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(actorId, "actorId");
    Objects.requireNonNull(actorName, "actorName");
    tags = List.copyOf(tags);
    Objects.requireNonNull(xapi, "xapi");
  }

  /**
   * @param verb what happened, e.g. {@code completed}
   * @param objectId what it happened to, e.g. {@code course:java-101}
   * @param objectName what people call it, e.g. {@code Java 101}
   * @return a builder for the other options
   */
  public static Builder builder(String verb, String objectId, String objectName) {
    return new Builder(verb, objectId, objectName);
  }

  /** Builds a {@link NewActivity}; not thread-safe. */
  public static final class Builder {
    private final String verb;
    private final String objectId;
    private final String objectName;
    private String objectType = "object";
    private String objectUrl;
    private ActivityObject target;
    private String actorId;
    private String actorName;
    private List<String> tags = List.of();
    private Boolean xapi;

    private Builder(String verb, String objectId, String objectName) {
      this.verb = Objects.requireNonNull(verb, "verb");
      this.objectId = Objects.requireNonNull(objectId, "objectId");
      this.objectName = Objects.requireNonNull(objectName, "objectName");
    }

    /** The object's type, e.g. {@code course} (default {@code object}). */
    public Builder objectType(String type) {
      this.objectType = Objects.requireNonNull(type, "type");
      return this;
    }

    /** Where the object lives. */
    public Builder objectUrl(String url) {
      this.objectUrl = Objects.requireNonNull(url, "url");
      return this;
    }

    /** Where it happened: a target key, whose readers may see the activity. */
    public Builder target(String targetKey) {
      this.target = new ActivityObject(targetKey, "target", targetKey, Optional.empty());
      return this;
    }

    /** Where it happened, with the target's title and URL. */
    public Builder target(String targetKey, String name, String url) {
      this.target = new ActivityObject(targetKey, "target", Objects.requireNonNull(name, "name"), Optional.of(Objects.requireNonNull(url, "url")));
      return this;
    }

    /** Who did it (default: the service whose token publishes). */
    public Builder actor(String userId) {
      this.actorId = Objects.requireNonNull(userId, "userId");
      this.actorName = null;
      return this;
    }

    /** Who did it, with their display name. */
    public Builder actor(String userId, String name) {
      this.actorId = Objects.requireNonNull(userId, "userId");
      this.actorName = Objects.requireNonNull(name, "name");
      return this;
    }

    /** Topics of the activity, e.g. {@code java}. */
    public Builder tags(String... tags) {
      this.tags = List.of(tags);
      return this;
    }

    /** Whether to send it to the Learning Record Store (default: the server decides). */
    public Builder xapi(boolean xapi) {
      this.xapi = xapi;
      return this;
    }

    /**
     * @return the activity
     * @throws IllegalStateException when verb, object id or object name is blank
     */
    public NewActivity build() {
      if (verb.isBlank() || objectId.isBlank() || objectName.isBlank()) {
        throw new IllegalStateException("verb, objectId and objectName must not be blank (got '" + verb + "', '" + objectId + "', '"
            + objectName + "')");
      }
      return new NewActivity(verb, new ActivityObject(objectId, objectType, objectName, Optional.ofNullable(objectUrl)),
          Optional.ofNullable(target), Optional.ofNullable(actorId), Optional.ofNullable(actorName), tags, Optional.ofNullable(xapi));
    }
  }
}
