package dev.inflow.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inflow.client.Author;
import dev.inflow.client.Comment;
import dev.inflow.client.CommentRevision;
import dev.inflow.client.ModerationItem;
import dev.inflow.client.Page;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The comment resources' JSON shapes (DESIGN.md "Resource shapes") read into the client's
 * records. Fields DESIGN.md lists are required; the ones the server added later default when
 * absent, so that the client keeps working against a server that has not got them yet.
 */
public final class CommentJson {
  private CommentJson() {}

  /** Reads a {@link Comment}. */
  public static Comment comment(JsonNode node) {
    Json.object(node, "the comment");
    Map<String, Integer> reactions = new LinkedHashMap<>();
    Json.numbers(node, "reactions").forEach((emoji, count) -> reactions.put(emoji, Math.toIntExact(count)));
    return new Comment(
        Json.text(node, "id"),
        Json.text(node, "targetKey"),
        Json.optionalText(node, "parentId"),
        Json.intOr(node, "depth", 0),
        author(Json.requiredObject(node, "author")),
        Json.text(node, "body"),
        Json.text(node, "html"),
        Json.instant(node, "createdAt"),
        Json.optionalInstant(node, "editedAt"),
        Json.bool(node, "deleted"),
        Json.boolOr(node, "hidden", false),
        reactions,
        Json.texts(node, "myReactions"),
        Json.intOr(node, "replyCount", 0),
        Json.texts(node, "mentions"),
        Json.number(node, "version"),
        Json.boolOr(node, "canEdit", false),
        Json.boolOr(node, "canDelete", false),
        Json.optionalText(node, "moreReplies"));
  }

  /** Reads an {@link Author}. */
  public static Author author(JsonNode node) {
    try {
      return new Author(Json.text(node, "id"), Json.text(node, "name"), Json.optionalText(node, "avatarUrl"));
    } catch (Json.Malformed e) {
      throw new Json.Malformed("author: " + e.getMessage(), e.getCause());
    }
  }

  /** Reads a {@link CommentRevision}. */
  public static CommentRevision revision(JsonNode node) {
    return new CommentRevision(Json.number(node, "version"), Json.text(node, "body"), Json.text(node, "html"),
        author(Json.requiredObject(node, "editor")), Json.instant(node, "createdAt"));
  }

  /** Reads a {@link ModerationItem}. */
  public static ModerationItem moderationItem(JsonNode node) {
    Map<String, Integer> reasons = new LinkedHashMap<>();
    Json.numbers(node, "reasons").forEach((reason, count) -> reasons.put(reason, Math.toIntExact(count)));
    Comment comment;
    try {
      comment = comment(Json.requiredObject(node, "comment"));
    } catch (Json.Malformed e) {
      throw new Json.Malformed("comment: " + e.getMessage(), e.getCause());
    }
    return new ModerationItem(comment, Json.intOr(node, "flagCount", 0), reasons, Json.texts(node, "notes"),
        Json.instant(node, "lastFlaggedAt"));
  }

  /** @return a reader of {@code {items, next}} pages with items read by the item reader */
  public static <T> Json.Reader<Page<T>> page(Json.Reader<T> item) {
    return node -> new Page<>(Json.items(Json.object(node, "the page"), "items", item), Json.optionalText(node, "next"));
  }

  /** Reads {@code {items:[...]}} of revisions. */
  public static List<CommentRevision> history(JsonNode node) {
    return Json.items(Json.object(node, "the history"), "items", CommentJson::revision);
  }

  /** Reads {@code {counts:{key:n}}}. */
  public static Map<String, Long> counts(JsonNode node) {
    return Json.numbers(Json.object(node, "the counts"), "counts");
  }
}
