package dev.inflow.core.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An activity a host publishes ("Ana completed course Java 101"). Built with {@link #builder};
 * values are checked when published, each failure naming its field.
 *
 * @param verb a lower-case word ({@code completed}) or an absolute http(s) IRI of an xAPI verb
 * @param objectId the host's id of the object, e.g. {@code course:java-101}
 * @param objectType the host's kind of object, e.g. {@code course}
 * @param objectName what to show, e.g. "Java 101"
 * @param objectUrl where the object lives in the host app (http or https)
 * @param targetKey the target the activity happened on, if any; its access rules decide who sees
 *     the activity (without one, every signed-in user of the tenant does)
 * @param targetTitle the target's title, declared like a page declares it for comments
 * @param targetUrl the target's URL
 * @param actorId who did it; empty means the publishing caller
 * @param actorName the actor's display name, when the host knows it better than Inflow
 * @param tags topics, lower case; at most ten
 * @param xapi whether the activity also goes to the Learning Record Store (when one is configured)
 */
public record NewActivity(
    String verb,
    String objectId,
    String objectType,
    String objectName,
    Optional<String> objectUrl,
    Optional<String> targetKey,
    Optional<String> targetTitle,
    Optional<String> targetUrl,
    Optional<String> actorId,
    Optional<String> actorName,
    List<String> tags,
    boolean xapi) {

  public NewActivity {
    Objects.requireNonNull(objectUrl, "objectUrl");
    Objects.requireNonNull(targetKey, "targetKey");
    Objects.requireNonNull(targetTitle, "targetTitle");
    Objects.requireNonNull(targetUrl, "targetUrl");
    Objects.requireNonNull(actorId, "actorId");
    Objects.requireNonNull(actorName, "actorName");
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  /**
   * @param verb e.g. {@code completed}
   * @param objectId e.g. {@code course:java-101}
   * @param objectName e.g. "Java 101"
   * @return a builder; the object type defaults to {@code object}
   */
  public static Builder builder(String verb, String objectId, String objectName) {
    return new Builder(verb, objectId, objectName);
  }

  /** Builds a {@link NewActivity}; not thread-safe. Nothing is checked before publishing. */
  public static final class Builder {
    private final String verb;
    private final String objectId;
    private final String objectName;
    private String objectType = "object";
    private String objectUrl;
    private String targetKey;
    private String targetTitle;
    private String targetUrl;
    private String actorId;
    private String actorName;
    private final List<String> tags = new ArrayList<>();
    private boolean xapi = true;

    private Builder(String verb, String objectId, String objectName) {
      this.verb = verb;
      this.objectId = objectId;
      this.objectName = objectName;
    }

    /** @param type the host's kind of object, e.g. {@code course} */
    public Builder objectType(String type) {
      this.objectType = type;
      return this;
    }

    /** @param url where the object lives (http or https) */
    public Builder objectUrl(String url) {
      this.objectUrl = url;
      return this;
    }

    /** @param key the target key, e.g. {@code course:java-101}; title and URL may be null */
    public Builder target(String key, String title, String url) {
      this.targetKey = key;
      this.targetTitle = title;
      this.targetUrl = url;
      return this;
    }

    /** @param id the acting user; name may be null */
    public Builder actor(String id, String name) {
      this.actorId = id;
      this.actorName = name;
      return this;
    }

    /** Adds topics. */
    public Builder tags(String... tags) {
      this.tags.addAll(List.of(tags));
      return this;
    }

    /** Keeps the activity out of the Learning Record Store (default: sent when one is configured). */
    public Builder xapi(boolean xapi) {
      this.xapi = xapi;
      return this;
    }

    public NewActivity build() {
      return new NewActivity(verb, objectId, objectType, objectName, Optional.ofNullable(objectUrl), Optional.ofNullable(targetKey),
          Optional.ofNullable(targetTitle), Optional.ofNullable(targetUrl), Optional.ofNullable(actorId), Optional.ofNullable(actorName),
          tags, xapi);
    }
  }
}
