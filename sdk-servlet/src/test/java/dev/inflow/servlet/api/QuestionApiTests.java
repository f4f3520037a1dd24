package dev.inflow.servlet.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inflow.servlet.testing.Http;
import dev.inflow.servlet.testing.TestTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Questions, answers, votes, acceptance and verification as a client sees them; runs on every container. */
abstract class QuestionApiTests extends AskApiContract {

  private long questionCount() {
    return inflow.platform().db().read(sql -> sql.count("SELECT COUNT(*) FROM inflow_question"));
  }

  @Test
  void anAskedQuestionHasTheDocumentedShapeLocationAndEtagAndGoesToTheExpert() {
    String tag = newTag();
    http().get(API + "/me").bearer(expertToken("eva-" + tag, tag)).send();
    Http.Response created = http().post(API + "/questions").bearer(TestTokens.token("ana"))
        .json("{\"title\":\"How do I connect to the VPN?\",\"body\":\"Which **profile**?\",\"tags\":[\"" + tag + "\"],\"targetKey\":\"kb/vpn\"}")
        .send();

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonNode q = created.json();
    assertThat(created.header("Location")).isEqualTo("/inflow/api/v1/questions/" + q.path("id").asText());
    assertThat(created.header("ETag")).isEqualTo("\"1\"");
    assertThat(q.fieldNames()).toIterable().contains("id", "title", "body", "html", "tags", "targetKey", "anonymous", "author", "status",
        "answerCount", "acceptedAnswerId", "routedTo", "createdAt");
    assertThat(q.path("html").asText()).isEqualTo("<p>Which <strong>profile</strong>?</p>\n");
    assertThat(q.path("status").asText()).isEqualTo("open");
    assertThat(q.path("author").path("id").asText()).isEqualTo("ana");
    assertThat(q.path("routedTo")).extracting(JsonNode::asText).containsExactly("eva-" + tag);
    assertThat(q.path("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
  }

  @Test
  void aRetriedAskWithTheSameIdempotencyKeyReturnsTheFirstQuestion() {
    String json = "{\"title\":\"Idempotent?\",\"tags\":[\"" + newTag() + "\"]}";
    String key = UUID.randomUUID().toString();
    Http.Response first = http().post(API + "/questions").bearer(TestTokens.token("ana")).header("Idempotency-Key", key).json(json).send();
    Http.Response again = http().post(API + "/questions").bearer(TestTokens.token("ana")).header("Idempotency-Key", key).json(json).send();

    assertThat(again.status()).isEqualTo(201);
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(again.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
  }

  @Test
  void badInputIsAProblemNamingTheFieldAndChangesNothing() {
    long before = questionCount();
    String tag = newTag();
    assertProblem(http().post(API + "/questions").bearer(TestTokens.token("ana")).json("{\"body\":\"no title\",\"tags\":[\"" + tag + "\"]}").send(),
        400, "title");
    assertProblem(http().post(API + "/questions").bearer(TestTokens.token("ana"))
        .json("{\"title\":\"Too many\",\"tags\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\"]}").send(), 400, "tags");
    assertProblem(http().post(API + "/questions").bearer(TestTokens.token("ana")).json("{\"title\":\"Tags as text\",\"tags\":\"vpn\"}").send(),
        400, "tags");
    assertProblem(http().post(API + "/questions").bearer(TestTokens.token("ana")).json("{\"title\":\"No tags\"}").send(), 400, "tags");
    assertProblem(http().post(API + "/questions").bearer(TestTokens.token("ana"))
        .json("{\"title\":\"Bad target\",\"tags\":[\"" + tag + "\"],\"targetKey\":\"../etc\"}").send(), 400, "targetKey");
    assertProblem(http().post(API + "/questions").json("{\"title\":\"Who?\",\"tags\":[\"" + tag + "\"]}").send(), 401, null);
    assertThat(questionCount()).isEqualTo(before);

    assertProblem(http().get(API + "/questions/987654321").bearer(TestTokens.token("ana")).send(), 404, null);
    assertProblem(http().post(API + "/questions/987654321/answers").bearer(TestTokens.token("ana")).json("{\"body\":\"x\"}").send(), 404, null);
    assertProblem(http().get(API + "/questions?status=sleeping").bearer(TestTokens.token("ana")).send(), 400, "status");
    assertProblem(http().get(API + "/questions?scope=theirs").bearer(TestTokens.token("ana")).send(), 400, "scope");
    assertProblem(http().get(API + "/questions/similar").bearer(TestTokens.token("ana")).send(), 400, "q");
    assertProblem(http().get(API + "/questions/similar?q=vpn&limit=50").bearer(TestTokens.token("ana")).send(), 400, "limit");
  }

  @Test
  void votingTwiceAndAcceptingOnSomeoneElsesQuestionAreRefusedAndChangeNothing() {
    JsonNode q = ask(TestTokens.token("ana"), "{\"title\":\"Meeting rooms?\",\"tags\":[\"" + newTag() + "\"]}");
    String id = q.path("id").asText();
    JsonNode a = answer(TestTokens.token("ben"), id, "Use the room finder.");
    String vote = API + "/answers/" + a.path("id").asText() + "/vote";

    assertThat(http().put(vote).bearer(TestTokens.token("dev")).json("{\"value\":\"up\"}").send().json().path("score").asInt()).isEqualTo(1);
    assertProblem(http().put(vote).bearer(TestTokens.token("dev")).json("{\"value\":\"up\"}").send(), 409, null);
    assertProblem(http().put(vote).bearer(TestTokens.token("dev")).json("{\"value\":\"sideways\"}").send(), 400, "value");
    assertProblem(http().put(vote).bearer(TestTokens.token("ben")).json("{\"value\":\"up\"}").send(), 403, null);
    assertProblem(http().post(API + "/answers/" + a.path("id").asText() + "/accept").bearer(TestTokens.token("dev")).send(), 403, null);

    JsonNode after = http().get(API + "/questions/" + id).bearer(TestTokens.token("ana")).send().json();
    assertThat(after.path("status").asText()).isEqualTo("answered");
    assertThat(after.path("answers").get(0).path("score").asInt()).isEqualTo(1);
    assertThat(after.path("answers").get(0).path("accepted").asBoolean()).isFalse();
    JsonNode changed = http().put(vote).bearer(TestTokens.token("dev")).json("{\"value\":\"down\"}").send().json();
    assertThat(changed.path("score").asInt()).isEqualTo(-1);
    assertThat(changed.path("myVote").asInt()).isEqualTo(-1);
    assertThat(http().delete(vote).bearer(TestTokens.token("dev")).send().json().path("score").asInt()).isZero();
  }

  @Test
  void theAskerAcceptsAnExpertVerifiesAndAnswersComeAcceptedVerifiedThenByScore() {
    String tag = newTag();
    JsonNode q = ask(TestTokens.token("ana"), "{\"title\":\"Reset my VPN token?\",\"tags\":[\"" + tag + "\"]}");
    String id = q.path("id").asText();
    JsonNode oldest = answer(TestTokens.token("ben"), id, "Call the help desk.");
    JsonNode popular = answer(TestTokens.token("dev"), id, "Self-service portal.");
    JsonNode verified = answer(TestTokens.token("fay"), id, "Portal, then re-enrol.");
    JsonNode accepted = answer(TestTokens.token("gus"), id, "Ask your manager.");
    http().put(API + "/answers/" + popular.path("id").asText() + "/vote").bearer(TestTokens.token("ana")).json("{\"value\":\"up\"}").send();
    assertProblem(http().post(API + "/answers/" + verified.path("id").asText() + "/verify").bearer(TestTokens.token("dev")).send(), 403, null);
    Http.Response verify = http().post(API + "/answers/" + verified.path("id").asText() + "/verify").bearer(expertToken("eva", tag)).send();
    assertThat(verify.json().path("verified").asBoolean()).as(verify.toString()).isTrue();
    Http.Response accept = http().post(API + "/answers/" + accepted.path("id").asText() + "/accept").bearer(TestTokens.token("ana")).send();
    assertThat(accept.json().path("accepted").asBoolean()).as(accept.toString()).isTrue();

    Http.Response read = http().get(API + "/questions/" + id).bearer(TestTokens.token("hal")).send();
    JsonNode thread = read.json();
    assertThat(read.header("ETag")).isEqualTo("\"1\"");
    assertThat(thread.path("status").asText()).isEqualTo("accepted");
    assertThat(thread.path("acceptedAnswerId").asText()).isEqualTo(accepted.path("id").asText());
    List<String> order = new ArrayList<>();
    thread.path("answers").forEach(a -> order.add(a.path("id").asText()));
    assertThat(order).containsExactly(accepted.path("id").asText(), verified.path("id").asText(), popular.path("id").asText(),
        oldest.path("id").asText());
    JsonNode first = thread.path("answers").get(0);
    assertThat(first.fieldNames()).toIterable().contains("id", "questionId", "body", "html", "author", "score", "accepted", "verified", "createdAt");
    assertThat(thread.path("answers").get(1).path("verifiedBy").path("id").asText()).isEqualTo("eva");
  }

  @Test
  void editsNeedTheCurrentEtagAndKeepHistory() {
    JsonNode q = ask(TestTokens.token("ana"), "{\"title\":\"Draft\",\"tags\":[\"" + newTag() + "\"]}");
    String path = API + "/questions/" + q.path("id").asText();

    Http.Response edited = http().patch(path).bearer(TestTokens.token("ana")).header("If-Match", "\"1\"").json("{\"title\":\"Final\"}").send();
    assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
    assertThat(edited.header("ETag")).isEqualTo("\"2\"");
    Http.Response stale = http().patch(path).bearer(TestTokens.token("ana")).header("If-Match", "\"1\"").json("{\"title\":\"Lost\"}").send();
    assertProblem(stale, 412, null);
    assertThat(stale.header("ETag")).isEqualTo("\"2\"");
    assertProblem(http().patch(path).bearer(TestTokens.token("ben")).json("{\"title\":\"Mine now\"}").send(), 403, null);
    JsonNode history = http().get(path + "/history").bearer(TestTokens.token("ben")).send().json();
    assertThat(history.path("items")).extracting(h -> h.path("title").asText()).containsExactly("Draft", "Final");

    JsonNode a = answer(TestTokens.token("ben"), q.path("id").asText(), "first");
    String answerPath = API + "/answers/" + a.path("id").asText();
    assertThat(http().patch(answerPath).bearer(TestTokens.token("ben")).header("If-Match", "\"1\"").json("{\"body\":\"second\"}").send()
        .header("ETag")).isEqualTo("\"2\"");
    assertProblem(http().patch(answerPath).bearer(TestTokens.token("ben")).header("If-Match", "\"1\"").json("{\"body\":\"third\"}").send(), 412, null);
    assertThat(http().get(answerPath + "/history").bearer(TestTokens.token("ana")).send().json().path("items")).hasSize(2);
    assertThat(http().delete(answerPath).bearer(TestTokens.token("ben")).send().status()).isEqualTo(204);
    assertThat(http().delete(path).bearer(TestTokens.token("ana")).send().status()).isEqualTo(204);
    assertProblem(http().get(path).bearer(TestTokens.token("ana")).send(), 404, null);
  }

  @Test
  void moderatorsCloseDuplicatesAndReopen() {
    String tag = newTag();
    JsonNode original = ask(TestTokens.token("ana"), "{\"title\":\"Parking permit?\",\"tags\":[\"" + tag + "\"]}");
    JsonNode copy = ask(TestTokens.token("dev"), "{\"title\":\"How to get a parking permit\",\"tags\":[\"" + tag + "\"]}");
    String close = API + "/questions/" + copy.path("id").asText() + "/close";

    assertProblem(http().post(close).bearer(TestTokens.token("ben")).json("{\"duplicateOf\":\"" + original.path("id").asText() + "\"}").send(),
        403, null);
    assertProblem(http().post(close).bearer(TestTokens.token("carla", "moderator")).json("{}").send(), 400, "duplicateOf");
    JsonNode closed = http().post(close).bearer(TestTokens.token("carla", "moderator"))
        .json("{\"duplicateOf\":\"" + original.path("id").asText() + "\"}").send().json();
    assertThat(closed.path("status").asText()).isEqualTo("closed");
    assertThat(closed.path("duplicateOf").asText()).isEqualTo(original.path("id").asText());
    assertProblem(http().post(API + "/questions/" + copy.path("id").asText() + "/answers").bearer(TestTokens.token("ben"))
        .json("{\"body\":\"late\"}").send(), 409, null);
    assertThat(http().post(API + "/questions/" + copy.path("id").asText() + "/reopen").bearer(TestTokens.token("carla", "moderator")).send()
        .json().path("status").asText()).isEqualTo("open");
  }

  @Test
  void similarQuestionsAreSuggestedWhileTyping() {
    String tag = newTag();
    JsonNode q = ask(TestTokens.token("ana"), "{\"title\":\"Reimbursing travel expenses for " + tag + "\",\"tags\":[\"" + tag + "\"]}");

    JsonNode similar = http().get(API + "/questions/similar?q=reimbursement+of+travel+expense+" + tag + "&tags=" + tag)
        .bearer(TestTokens.token("ben")).send().json();
    assertThat(similar.path("items").get(0).path("id").asText()).isEqualTo(q.path("id").asText());
    assertThat(similar.path("items").get(0).has("author")).isFalse();
    assertThat(http().get(API + "/questions/similar?q=ex").bearer(TestTokens.token("ben")).send().json().path("items")).isEmpty();
  }

  @Test
  void listsFilterByTagStatusAndScope() {
    String tag = newTag();
    String expert = "eva-" + tag;
    http().get(API + "/me").bearer(expertToken(expert, tag)).send();
    JsonNode open = ask(TestTokens.token("ana"), "{\"title\":\"Open one\",\"tags\":[\"" + tag + "\"]}");
    JsonNode answered = ask(TestTokens.token("ben"), "{\"title\":\"Answered one\",\"tags\":[\"" + tag + "\"]}");
    answer(TestTokens.token("dev"), answered.path("id").asText(), "done");

    assertThat(ids(http().get(API + "/questions?tag=" + tag).bearer(TestTokens.token("dev")).send()))
        .containsExactly(answered.path("id").asText(), open.path("id").asText());
    assertThat(ids(http().get(API + "/questions?tag=" + tag + "&status=open").bearer(TestTokens.token("dev")).send()))
        .containsExactly(open.path("id").asText());
    assertThat(ids(http().get(API + "/questions?tag=" + tag + "&scope=mine").bearer(TestTokens.token("ben")).send()))
        .containsExactly(answered.path("id").asText());
    assertThat(ids(http().get(API + "/questions?scope=for-me&status=open").bearer(expertToken(expert, tag)).send()))
        .containsExactly(open.path("id").asText());
    Http.Response page = http().get(API + "/questions?tag=" + tag + "&limit=1").bearer(TestTokens.token("dev")).send();
    assertThat(ids(http().get(API + "/questions?tag=" + tag + "&limit=1&cursor=" + page.json().path("next").asText())
        .bearer(TestTokens.token("dev")).send())).containsExactly(open.path("id").asText());
  }

  @Test
  void commentsOnQuestionsAndAnswersUseTheCommentsApi() {
    JsonNode q = ask(TestTokens.token("ana"), "{\"title\":\"Comment on me\",\"tags\":[\"" + newTag() + "\"]}");
    JsonNode a = answer(TestTokens.token("ben"), q.path("id").asText(), "An answer");

    assertThat(post("dev", "question:" + q.path("id").asText(), "Can you say which office?").path("targetKey").asText())
        .isEqualTo("question:" + q.path("id").asText());
    post("ana", "answer:" + a.path("id").asText(), "Thanks!");
    JsonNode counts = http().get(API + "/comments/counts?keys=question:" + q.path("id").asText() + ",answer:" + a.path("id").asText())
        .bearer(TestTokens.token("ben")).send().json();
    assertThat(counts.path("counts").path("question:" + q.path("id").asText()).asLong()).isEqualTo(1);
    assertThat(counts.path("counts").path("answer:" + a.path("id").asText()).asLong()).isEqualTo(1);
    assertProblem(http().get(API + "/targets/question:987654321/comments").bearer(TestTokens.token("ben")).send(), 404, null);
  }

  private static List<String> ids(Http.Response r) {
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    r.json().path("items").forEach(i -> ids.add(i.path("id").asText()));
    return ids;
  }
}
