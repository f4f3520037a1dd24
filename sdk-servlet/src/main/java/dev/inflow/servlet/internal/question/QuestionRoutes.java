package dev.inflow.servlet.internal.question;

import dev.inflow.core.Created;
import dev.inflow.core.Inflow;
import dev.inflow.core.InvalidInputException;
import dev.inflow.core.internal.json.Json;
import dev.inflow.core.question.Answer;
import dev.inflow.core.question.NewQuestion;
import dev.inflow.core.question.Question;
import dev.inflow.core.question.QuestionEdit;
import dev.inflow.core.question.QuestionQuery;
import dev.inflow.core.question.QuestionStatus;
import dev.inflow.core.question.QuestionThread;
import dev.inflow.core.question.Questions;
import dev.inflow.core.question.Vote;
import dev.inflow.servlet.internal.http.Exchange;
import dev.inflow.servlet.internal.http.HttpProblem;
import dev.inflow.servlet.internal.http.Reply;
import dev.inflow.servlet.internal.http.Route.Access;
import dev.inflow.servlet.internal.http.Router;
import dev.inflow.servlet.internal.live.LiveTopics;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The questions and answers endpoints of API v1: HTTP in, {@link Questions} calls, JSON out. Also
 * registers the live topic {@code question:{id}}.
 */
public final class QuestionRoutes {
  record AskBody(String title, String body, List<String> tags, String targetKey, Boolean anonymous, String targetTitle, String targetUrl) {}

  record EditBody(String title, String body, List<String> tags) {}

  record AnswerBody(String body) {}

  record VoteBody(String value) {}

  record CloseBody(String duplicateOf) {}

  record Items<T>(List<T> items) {}

  private final Inflow inflow;
  private final Questions questions;

  private QuestionRoutes(Inflow inflow) {
    this.inflow = inflow;
    this.questions = inflow.questions();
  }

  public static void register(Router router, Inflow inflow, LiveTopics topics) {
    QuestionRoutes r = new QuestionRoutes(inflow);
    router.add("GET", "/api/v1/questions", Access.READ, r::list)
        .add("POST", "/api/v1/questions", Access.WRITE, r::ask)
        .add("GET", "/api/v1/questions/similar", Access.READ, r::similar)
        .add("GET", "/api/v1/questions/{id}", Access.READ, r::get)
        .add("PATCH", "/api/v1/questions/{id}", Access.WRITE, r::edit)
        .add("DELETE", "/api/v1/questions/{id}", Access.WRITE, r::delete)
        .add("GET", "/api/v1/questions/{id}/history", Access.READ, ex -> Reply.ok(new Items<>(r.questions.history(ex.caller(), ex.path("id")))))
        .add("POST", "/api/v1/questions/{id}/answers", Access.WRITE, r::answer)
        .add("POST", "/api/v1/questions/{id}/close", Access.WRITE, r::close)
        .add("POST", "/api/v1/questions/{id}/reopen", Access.WRITE, ex -> questionReply(r.questions.reopen(ex.caller(), ex.path("id"))))
        .add("GET", "/api/v1/answers/{id}", Access.READ, ex -> answerReply(r.questions.getAnswer(ex.caller(), ex.path("id"))))
        .add("PATCH", "/api/v1/answers/{id}", Access.WRITE, r::editAnswer)
        .add("DELETE", "/api/v1/answers/{id}", Access.WRITE, r::deleteAnswer)
        .add("GET", "/api/v1/answers/{id}/history", Access.READ, ex -> Reply.ok(new Items<>(r.questions.answerHistory(ex.caller(), ex.path("id")))))
        .add("PUT", "/api/v1/answers/{id}/vote", Access.WRITE, r::vote)
        .add("DELETE", "/api/v1/answers/{id}/vote", Access.WRITE, ex -> answerReply(r.questions.unvote(ex.caller(), ex.path("id"))))
        .add("POST", "/api/v1/answers/{id}/accept", Access.WRITE, ex -> answerReply(r.questions.accept(ex.caller(), ex.path("id"))))
        .add("DELETE", "/api/v1/answers/{id}/accept", Access.WRITE, ex -> answerReply(r.questions.unaccept(ex.caller(), ex.path("id"))))
        .add("POST", "/api/v1/answers/{id}/verify", Access.WRITE, ex -> answerReply(r.questions.verify(ex.caller(), ex.path("id"))))
        .add("DELETE", "/api/v1/answers/{id}/verify", Access.WRITE, ex -> answerReply(r.questions.unverify(ex.caller(), ex.path("id"))));
    topics.register("question", (caller, name, id) -> {
      String key = "question:" + id;
      inflow.platform().requireReadable(caller, key, "question " + (id.length() > 40 ? id.substring(0, 40) + "…" : id));
      return new LiveTopics.Resolved(name, key, event -> inflow.accessPolicy().canRead(caller, key));
    });
  }

  private Reply list(Exchange ex) {
    QuestionQuery query = QuestionQuery.all().in(scope(ex.query("scope").orElse("all")));
    if (ex.query("tag").isPresent()) {
      query = query.withTag(ex.query("tag").get());
    }
    if (ex.query("status").isPresent()) {
      query = query.withStatus(QuestionStatus.parse(ex.query("status").get()));
    }
    if (ex.query("target").isPresent()) {
      query = query.about(ex.query("target").get());
    }
    return Reply.ok(questions.list(ex.caller(), query, ex.page(20)));
  }

  private static QuestionQuery.Scope scope(String value) {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "all" -> QuestionQuery.Scope.ALL;
      case "mine" -> QuestionQuery.Scope.MINE;
      case "for-me" -> QuestionQuery.Scope.ROUTED_TO_ME;
      default -> throw new InvalidInputException("scope", "scope is all, mine or for-me (got '" + value + "')");
    };
  }

  private Reply ask(Exchange ex) throws Exception {
    AskBody body = ex.body(AskBody.class);
    NewQuestion question = new NewQuestion(body.title(), body.body(), body.tags(), Optional.ofNullable(body.targetKey()),
        Boolean.TRUE.equals(body.anonymous()), Optional.ofNullable(body.targetTitle()), Optional.ofNullable(body.targetUrl()));
    Created<Question> created = questions.ask(ex.caller(), question, ex.idempotencyKey());
    Reply reply = Reply.json(201, created.value()).header("ETag", etag(created.value().version()))
        .header("Location", ex.request().getContextPath() + ex.request().getServletPath() + "/api/v1/questions/" + created.value().id());
    return created.replayed() ? reply.header("Idempotent-Replayed", "true") : reply;
  }

  private Reply similar(Exchange ex) {
    String text = ex.query("q").orElseThrow(() -> HttpProblem.badRequest("q", "q is required: the words typed so far"));
    List<String> tags = ex.query("tags").map(t -> Arrays.stream(t.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
        .orElse(List.of());
    int limit = ex.page(5).limit();
    return Reply.ok(new Items<>(questions.similar(ex.caller(), text, tags, limit)));
  }

  private Reply get(Exchange ex) {
    QuestionThread thread = questions.get(ex.caller(), ex.path("id"));
    return Reply.ok(withAnswers(thread)).header("ETag", etag(thread.question().version()));
  }

  /** The question's fields with its answers, as one object: {@code {id, title, ..., answers: [...]}}. */
  static Map<String, Object> withAnswers(QuestionThread thread) {
    Map<String, Object> body = new LinkedHashMap<>(Json.MAPPER.convertValue(thread.question(),
        Json.MAPPER.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class)));
    body.put("answers", thread.answers());
    return body;
  }

  private Reply edit(Exchange ex) throws Exception {
    var ifMatch = ex.ifMatch();
    EditBody body = ex.body(EditBody.class);
    QuestionEdit edit = new QuestionEdit(Optional.ofNullable(body.title()), Optional.ofNullable(body.body()), Optional.ofNullable(body.tags()));
    return questionReply(questions.edit(ex.caller(), ex.path("id"), edit, ifMatch));
  }

  private Reply delete(Exchange ex) {
    questions.delete(ex.caller(), ex.path("id"));
    return Reply.noContent();
  }

  private Reply answer(Exchange ex) throws Exception {
    AnswerBody body = ex.body(AnswerBody.class);
    Created<Answer> created = questions.answer(ex.caller(), ex.path("id"), body.body(), ex.idempotencyKey());
    Reply reply = Reply.json(201, created.value()).header("ETag", etag(created.value().version()))
        .header("Location", ex.request().getContextPath() + ex.request().getServletPath() + "/api/v1/answers/" + created.value().id());
    return created.replayed() ? reply.header("Idempotent-Replayed", "true") : reply;
  }

  private Reply close(Exchange ex) throws Exception {
    CloseBody body = ex.body(CloseBody.class);
    if (body.duplicateOf() == null || body.duplicateOf().isBlank()) {
      throw new InvalidInputException("duplicateOf", "duplicateOf is required: the id of the question this one repeats");
    }
    return questionReply(questions.closeAsDuplicate(ex.caller(), ex.path("id"), body.duplicateOf()));
  }

  private Reply editAnswer(Exchange ex) throws Exception {
    var ifMatch = ex.ifMatch();
    AnswerBody body = ex.body(AnswerBody.class);
    return answerReply(questions.editAnswer(ex.caller(), ex.path("id"), body.body(), ifMatch));
  }

  private Reply deleteAnswer(Exchange ex) {
    questions.deleteAnswer(ex.caller(), ex.path("id"));
    return Reply.noContent();
  }

  private Reply vote(Exchange ex) throws Exception {
    VoteBody body = ex.body(VoteBody.class);
    if (body.value() == null) {
      throw new InvalidInputException("value", "value is required: up or down");
    }
    return answerReply(questions.vote(ex.caller(), ex.path("id"), Vote.parse(body.value())));
  }

  private static Reply questionReply(Question question) {
    return Reply.ok(question).header("ETag", etag(question.version()));
  }

  private static Reply answerReply(Answer answer) {
    return Reply.ok(answer).header("ETag", etag(answer.version()));
  }

  private static String etag(long version) {
    return "\"" + version + "\"";
  }
}
