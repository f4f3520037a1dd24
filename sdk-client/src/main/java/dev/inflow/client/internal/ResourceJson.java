package dev.inflow.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inflow.client.Activity;
import dev.inflow.client.ActivityObject;
import dev.inflow.client.AnalyticsSummary;
import dev.inflow.client.Answer;
import dev.inflow.client.Expert;
import dev.inflow.client.FeedPage;
import dev.inflow.client.Follow;
import dev.inflow.client.FollowKind;
import dev.inflow.client.FollowStatus;
import dev.inflow.client.Mute;
import dev.inflow.client.Notification;
import dev.inflow.client.NotificationPage;
import dev.inflow.client.Question;
import dev.inflow.client.QuestionRevision;
import dev.inflow.client.QuestionStatus;
import dev.inflow.client.QuestionThread;
import dev.inflow.client.SimilarQuestion;
import dev.inflow.client.Tag;
import dev.inflow.client.TagQueue;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The JSON shapes of questions, experts, feeds, follows, notifications and analytics (the
 * server's openapi.json) read into the client's records. Fields the server marks required are
 * required here; the others default when absent, so the client keeps working against a server
 * that has not got them yet.
 */
public final class ResourceJson {
  private ResourceJson() {}

  /** Reads a {@link Question}. */
  public static Question question(JsonNode node) {
    Json.object(node, "the question");
    return new Question(Json.text(node, "id"), Json.text(node, "title"), Json.text(node, "body"), Json.text(node, "html"),
        Json.texts(node, "tags"), Json.optionalText(node, "targetKey"), Json.bool(node, "anonymous"),
        Json.optionalObject(node, "author", CommentJson::author), Json.boolOr(node, "mine", false), status(node, "status"),
        Json.intOr(node, "answerCount", 0), Json.optionalText(node, "acceptedAnswerId"), Json.optionalText(node, "duplicateOf"),
        Json.texts(node, "routedTo"), Json.intOr(node, "escalationLevel", 0), Json.instant(node, "createdAt"),
        Json.optionalInstant(node, "editedAt"), Json.number(node, "version"), Json.boolOr(node, "canEdit", false),
        Json.boolOr(node, "canDelete", false), Json.boolOr(node, "canAnswer", false), Json.boolOr(node, "canModerate", false));
  }

  /** Reads {@code {...question, answers:[...]}}. */
  public static QuestionThread thread(JsonNode node) {
    return new QuestionThread(question(node), Json.items(node, "answers", ResourceJson::answer));
  }

  /** Reads an {@link Answer}. */
  public static Answer answer(JsonNode node) {
    Json.object(node, "the answer");
    return new Answer(Json.text(node, "id"), Json.text(node, "questionId"), Json.text(node, "body"), Json.text(node, "html"),
        Json.objectField(node, "author", CommentJson::author), Json.intOr(node, "score", 0), Json.intOr(node, "myVote", 0),
        Json.bool(node, "accepted"), Json.bool(node, "verified"), Json.optionalObject(node, "verifiedBy", CommentJson::author),
        Json.instant(node, "createdAt"), Json.optionalInstant(node, "editedAt"), Json.number(node, "version"),
        Json.boolOr(node, "canEdit", false), Json.boolOr(node, "canDelete", false), Json.boolOr(node, "canVote", false),
        Json.boolOr(node, "canAccept", false), Json.boolOr(node, "canVerify", false));
  }

  /** Reads a {@link SimilarQuestion}. */
  public static SimilarQuestion similar(JsonNode node) {
    return new SimilarQuestion(Json.text(node, "id"), Json.text(node, "title"), Json.textOr(node, "excerpt", ""), Json.texts(node, "tags"),
        status(node, "status"), Json.intOr(node, "answerCount", 0), Json.decimalOr(node, "score", 0));
  }

  /** Reads a {@link QuestionRevision}. */
  public static QuestionRevision questionRevision(JsonNode node) {
    return new QuestionRevision(Json.number(node, "version"), Json.textOr(node, "title", ""), Json.textOr(node, "body", ""),
        Json.textOr(node, "html", ""), Json.texts(node, "tags"), Json.optionalObject(node, "editor", CommentJson::author),
        Json.instant(node, "createdAt"));
  }

  /** Reads an {@link Expert}. */
  public static Expert expert(JsonNode node) {
    return new Expert(Json.objectField(node, "user", CommentJson::author), Json.texts(node, "declaredTags"), Json.decimalOr(node, "score", 0),
        Json.itemsOr(node, "reasons", r -> new Expert.Reason(Json.textOr(r, "kind", ""), Json.textOr(r, "tag", ""), Json.intOr(r, "count", 0),
            Json.textOr(r, "text", ""))),
        Json.boolOr(node, "away", false), Json.intOr(node, "openQuestions", 0));
  }

  /** Reads a {@link Tag}. */
  public static Tag tag(JsonNode node) {
    return new Tag(Json.text(node, "name"), Json.textOr(node, "description", ""), Json.numberOr(node, "questionCount", 0),
        Json.texts(node, "communityManagers"), Duration.ofMinutes(Json.numberOr(node, "deadlineMinutes", 0)));
  }

  /** Reads a {@link TagQueue}. */
  public static TagQueue tagQueue(JsonNode node) {
    return new TagQueue(Json.text(node, "tag"), Json.numberOr(node, "unanswered", 0), Json.numberOr(node, "escalated", 0),
        Json.itemsOr(node, "questions", ResourceJson::question));
  }

  /** Reads an {@link ActivityObject}. */
  public static ActivityObject activityObject(JsonNode node) {
    return new ActivityObject(Json.text(node, "id"), Json.textOr(node, "type", "object"), Json.textOr(node, "name", ""),
        Json.optionalText(node, "url"));
  }

  /** Reads an {@link Activity}. */
  public static Activity activity(JsonNode node) {
    Json.object(node, "the activity");
    return new Activity(Json.text(node, "id"), Json.optionalObject(node, "actor", CommentJson::author), Json.text(node, "verb"),
        Json.objectField(node, "object", ResourceJson::activityObject), Json.optionalObject(node, "target", ResourceJson::activityObject),
        Json.texts(node, "tags"), Json.instant(node, "published"), Json.textOr(node, "groupKey", ""), Json.intOr(node, "count", 1),
        Json.itemsOr(node, "actors", CommentJson::author), Json.intOr(node, "actorCount", 1), Json.textOr(node, "summary", ""));
  }

  /** Reads a {@link FeedPage}. */
  public static FeedPage feedPage(JsonNode node) {
    Json.object(node, "the feed page");
    return new FeedPage(Json.items(node, "items", ResourceJson::activity), Json.optionalText(node, "next"),
        Json.boolOr(node, "following", false), Json.boolOr(node, "muted", false));
  }

  /** Reads a {@link Follow}. */
  public static Follow follow(JsonNode node) {
    return new Follow(kind(node), Json.text(node, "id"), Json.textOr(node, "name", ""), Json.boolOr(node, "auto", false),
        Json.instant(node, "createdAt"));
  }

  /** Reads a {@link FollowStatus}. */
  public static FollowStatus followStatus(JsonNode node) {
    return new FollowStatus(kind(node), Json.text(node, "id"), Json.bool(node, "following"), Json.boolOr(node, "muted", false));
  }

  /** Reads a {@link Mute}. */
  public static Mute mute(JsonNode node) {
    return new Mute(Json.text(node, "targetKey"), Json.textOr(node, "name", ""), Json.instant(node, "createdAt"));
  }

  /** Reads a {@link Notification}. */
  public static Notification notification(JsonNode node) {
    return new Notification(Json.text(node, "id"), Json.text(node, "reason"), Json.optionalText(node, "questionId"),
        Json.optionalText(node, "answerId"), Json.optionalText(node, "targetKey"), Json.text(node, "title"),
        Json.optionalObject(node, "actor", CommentJson::author), Json.instant(node, "createdAt"), Json.optionalInstant(node, "readAt"));
  }

  /** Reads a {@link NotificationPage}. */
  public static NotificationPage notificationPage(JsonNode node) {
    Json.object(node, "the notification page");
    return new NotificationPage(Json.items(node, "items", ResourceJson::notification), Json.optionalText(node, "next"),
        Json.number(node, "unreadCount"));
  }

  /** Reads {@code {unreadCount}}. */
  public static long unreadCount(JsonNode node) {
    return Json.number(Json.object(node, "the answer"), "unreadCount");
  }

  /** Reads an {@link AnalyticsSummary}. */
  public static AnalyticsSummary summary(JsonNode node) {
    Json.object(node, "the summary");
    AnalyticsSummary.QuestionFigures figures = Json.objectField(node, "questions", q -> new AnalyticsSummary.QuestionFigures(
        Json.numberOr(q, "asked", 0), Json.numberOr(q, "answered", 0), Json.decimalOr(q, "answerRate", 0),
        Json.optionalNumber(q, "medianSecondsToFirstAnswer"), Json.optionalNumber(q, "p90SecondsToFirstAnswer"),
        Json.numberOr(q, "accepted", 0), Json.decimalOr(q, "acceptedRate", 0), Json.numberOr(q, "unanswered", 0),
        Json.numberOr(q, "escalated", 0)));
    List<AnalyticsSummary.TagExperts> experts = Json.itemsOr(node, "topExperts", t -> new AnalyticsSummary.TagExperts(Json.text(t, "tag"),
        Json.itemsOr(t, "experts", e -> new AnalyticsSummary.ExpertFigures(Json.objectField(e, "user", CommentJson::author),
            Json.numberOr(e, "answers", 0), Json.numberOr(e, "accepted", 0), Json.numberOr(e, "verified", 0)))));
    List<AnalyticsSummary.TargetActivity> targets = Json.itemsOr(node, "targets", t -> new AnalyticsSummary.TargetActivity(
        Json.text(t, "targetKey"), Json.textOr(t, "title", ""), Json.numberOr(t, "comments", 0), Json.numberOr(t, "questions", 0),
        Json.numberOr(t, "activeUsers", 0)));
    return new AnalyticsSummary(Json.instant(node, "from"), Json.instant(node, "to"), Json.optionalText(node, "tag"), figures, experts,
        targets);
  }

  /** @return a reader of {@code {items:[...]}} lists */
  public static <T> Json.Reader<List<T>> list(Json.Reader<T> item) {
    return node -> Json.items(Json.object(node, "the list"), "items", item);
  }

  private static QuestionStatus status(JsonNode node, String field) {
    String value = Json.text(node, field);
    for (QuestionStatus status : QuestionStatus.values()) {
      if (status.wireName().equals(value)) {
        return status;
      }
    }
    throw new Json.Malformed("'" + field + "' is '" + value + "', expected open, answered, accepted or closed", null);
  }

  private static FollowKind kind(JsonNode node) {
    String value = Json.text(node, "kind").toLowerCase(Locale.ROOT);
    for (FollowKind kind : FollowKind.values()) {
      if (kind.wireName().equals(value)) {
        return kind;
      }
    }
    throw new Json.Malformed("'kind' is '" + value + "', expected user, topic or target", null);
  }
}
