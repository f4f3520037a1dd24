package dev.inflow.servlet.internal.comment;

import dev.inflow.core.Created;
import dev.inflow.core.comment.Comment;
import dev.inflow.core.comment.CommentSort;
import dev.inflow.core.comment.FlagReason;
import dev.inflow.core.comment.ModerationAction;
import dev.inflow.core.comment.NewComment;
import dev.inflow.core.comment.Reaction;
import dev.inflow.core.comment.internal.DefaultComments;
import dev.inflow.servlet.internal.http.Exchange;
import dev.inflow.servlet.internal.http.HttpProblem;
import dev.inflow.servlet.internal.http.Reply;
import dev.inflow.servlet.internal.http.Route.Access;
import dev.inflow.servlet.internal.http.Router;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The comments endpoints of API v1: HTTP in, {@link dev.inflow.core.comment.Comments} calls, JSON out. */
public final class CommentRoutes {
  record CreateBody(String body, String parentId, String targetTitle, String targetUrl) {}

  record EditBody(String body) {}

  record FlagBody(String reason, String note) {}

  record Counts(Map<String, Long> counts) {}

  record Items<T>(List<T> items) {}

  private final DefaultComments comments;

  private CommentRoutes(DefaultComments comments) {
    this.comments = comments;
  }

  /** @param comments the core's comments, whose shared pages the list answers with as written once */
  public static void register(Router router, DefaultComments comments) {
    CommentRoutes r = new CommentRoutes(comments);
    router.add("GET", "/api/v1/targets/{key+}/comments", Access.READ, r::list)
        .add("POST", "/api/v1/targets/{key+}/comments", Access.WRITE, r::create)
        .add("GET", "/api/v1/comments/counts", Access.READ, r::counts)
        .add("GET", "/api/v1/comments/{id}", Access.READ, r::get)
        .add("PATCH", "/api/v1/comments/{id}", Access.WRITE, r::edit)
        .add("DELETE", "/api/v1/comments/{id}", Access.WRITE, r::delete)
        .add("GET", "/api/v1/comments/{id}/replies", Access.READ, r::replies)
        .add("GET", "/api/v1/comments/{id}/history", Access.READ, r::history)
        .add("PUT", "/api/v1/comments/{id}/reactions/{emoji}", Access.WRITE, r::react)
        .add("DELETE", "/api/v1/comments/{id}/reactions/{emoji}", Access.WRITE, r::unreact)
        .add("POST", "/api/v1/comments/{id}/flags", Access.WRITE, r::flag)
        .add("GET", "/api/v1/moderation/queue", Access.READ, r::queue)
        .add("POST", "/api/v1/moderation/comments/{id}/approve", Access.WRITE, ex -> r.moderate(ex, ModerationAction.APPROVE))
        .add("POST", "/api/v1/moderation/comments/{id}/remove", Access.WRITE, ex -> r.moderate(ex, ModerationAction.REMOVE));
  }

  private Reply list(Exchange ex) {
    CommentSort sort = CommentSort.parse(ex.query("sort").orElse(null));
    DefaultComments.Listing listing = comments.listing(ex.caller(), ex.path("key"), sort, ex.page(20));
    // A shared page goes out as written for its first reader, with the live position it was read at.
    return listing.shared()
        .map(page -> Reply.bytes(200, "application/json", page.json()).header("Inflow-Seq", Long.toString(page.seq())))
        .orElseGet(() -> Reply.ok(listing.page()));
  }

  private Reply create(Exchange ex) throws Exception {
    CreateBody body = ex.body(CreateBody.class);
    NewComment comment = new NewComment(body.body(), Optional.ofNullable(body.parentId()),
        Optional.ofNullable(body.targetTitle()), Optional.ofNullable(body.targetUrl()));
    Created<Comment> created = comments.create(ex.caller(), ex.path("key"), comment, ex.idempotencyKey());
    Reply reply = withEtag(Reply.json(201, created.value()), created.value())
        .header("Location", ex.request().getContextPath() + ex.request().getServletPath() + "/api/v1/comments/" + created.value().id());
    return created.replayed() ? reply.header("Idempotent-Replayed", "true") : reply;
  }

  private Reply counts(Exchange ex) {
    String keys = ex.query("keys").orElseThrow(() -> HttpProblem.badRequest("keys", "keys is required: a comma-separated list of target keys"));
    List<String> list = Arrays.stream(keys.split(",")).map(String::strip).filter(k -> !k.isEmpty()).toList();
    return Reply.ok(new Counts(comments.counts(ex.caller(), list)));
  }

  private Reply get(Exchange ex) {
    Comment comment = comments.get(ex.caller(), ex.path("id"));
    return withEtag(Reply.ok(comment), comment);
  }

  private Reply edit(Exchange ex) throws Exception {
    var ifMatch = ex.ifMatch();
    EditBody body = ex.body(EditBody.class);
    Comment comment = comments.edit(ex.caller(), ex.path("id"), body.body(), ifMatch);
    return withEtag(Reply.ok(comment), comment);
  }

  private Reply delete(Exchange ex) {
    comments.delete(ex.caller(), ex.path("id"));
    return Reply.noContent();
  }

  private Reply replies(Exchange ex) {
    return Reply.ok(comments.replies(ex.caller(), ex.path("id"), ex.page(50)));
  }

  private Reply history(Exchange ex) {
    return Reply.ok(new Items<>(comments.history(ex.caller(), ex.path("id"))));
  }

  private Reply react(Exchange ex) {
    return Reply.ok(comments.react(ex.caller(), ex.path("id"), Reaction.parse(ex.path("emoji"))));
  }

  private Reply unreact(Exchange ex) {
    return Reply.ok(comments.unreact(ex.caller(), ex.path("id"), Reaction.parse(ex.path("emoji"))));
  }

  private Reply flag(Exchange ex) throws Exception {
    FlagBody body = ex.request().getContentLengthLong() == 0 ? new FlagBody(null, null) : ex.body(FlagBody.class);
    return Reply.ok(comments.flag(ex.caller(), ex.path("id"), FlagReason.parse(body.reason()), Optional.ofNullable(body.note())));
  }

  private Reply queue(Exchange ex) {
    return Reply.ok(comments.moderationQueue(ex.caller(), ex.page(20)));
  }

  private Reply moderate(Exchange ex, ModerationAction action) {
    return Reply.ok(comments.moderate(ex.caller(), ex.path("id"), action));
  }

  private static Reply withEtag(Reply reply, Comment comment) {
    return reply.header("ETag", "\"" + comment.version() + "\"");
  }
}
