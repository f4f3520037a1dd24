package dev.inflow.core.feed.internal;

import dev.inflow.core.Author;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An activity as a feature records it, inside the transaction of the change it describes.
 *
 * @param actor who did it; empty when nobody may be named (an anonymous question)
 * @param verb what they did, e.g. {@code commented}
 * @param objectId e.g. {@code comment:42}
 * @param objectType e.g. {@code comment}
 * @param objectName what to show, e.g. the first words of the comment
 * @param objectUrl where it lives, if known; without one the target's URL is shown
 * @param targetKey the target shown and indexed for the target feed, if any
 * @param accessKey whose access rules decide who sees it; empty: every signed-in user
 * @param tags topics, lower case
 * @param groupKey activities with the same key close in time fold into one feed item
 * @param xapi whether it goes to the Learning Record Store
 * @param xapiResponse the learner's text for the statement's {@code result.response} (a comment or
 *     answer), if any
 */
public record ActivityDraft(
    Optional<Author> actor,
    String verb,
    String objectId,
    String objectType,
    String objectName,
    Optional<String> objectUrl,
    Optional<String> targetKey,
    Optional<String> accessKey,
    List<String> tags,
    String groupKey,
    boolean xapi,
    Optional<String> xapiResponse) {

  public ActivityDraft {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(verb, "verb");
    Objects.requireNonNull(objectId, "objectId");
    Objects.requireNonNull(objectType, "objectType");
    Objects.requireNonNull(objectName, "objectName");
    Objects.requireNonNull(objectUrl, "objectUrl");
    Objects.requireNonNull(targetKey, "targetKey");
    Objects.requireNonNull(accessKey, "accessKey");
    tags = List.copyOf(tags);
    Objects.requireNonNull(groupKey, "groupKey");
    Objects.requireNonNull(xapiResponse, "xapiResponse");
  }

  /** @return the usual group key: the same verb on the same target (or object, without a target) */
  public static String groupOf(String verb, Optional<String> targetKey, String objectId) {
    return verb + "|" + targetKey.orElse(objectId);
  }
}
