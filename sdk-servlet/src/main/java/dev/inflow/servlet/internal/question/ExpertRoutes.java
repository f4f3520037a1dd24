package dev.inflow.servlet.internal.question;

import dev.inflow.core.InvalidInputException;
import dev.inflow.core.question.Experts;
import dev.inflow.core.question.Questions;
import dev.inflow.core.question.TagSettings;
import dev.inflow.servlet.internal.http.Exchange;
import dev.inflow.servlet.internal.http.Reply;
import dev.inflow.servlet.internal.http.Route.Access;
import dev.inflow.servlet.internal.http.Router;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The experts directory, the tenant's tags and the community-manager view. */
public final class ExpertRoutes {
  record TagsBody(List<String> tags) {}

  record AwayBody(Boolean away) {}

  record TagBody(String description, List<String> communityManagers, Integer deadlineMinutes) {}

  record Items<T>(List<T> items) {}

  private final Experts experts;
  private final Questions questions;

  private ExpertRoutes(Experts experts, Questions questions) {
    this.experts = experts;
    this.questions = questions;
  }

  public static void register(Router router, Experts experts, Questions questions) {
    ExpertRoutes r = new ExpertRoutes(experts, questions);
    router.add("GET", "/api/v1/experts", Access.READ, r::list)
        .add("PUT", "/api/v1/experts/{userId}/tags", Access.WRITE, r::declare)
        .add("PUT", "/api/v1/experts/{userId}/away", Access.WRITE, r::away)
        .add("GET", "/api/v1/tags", Access.READ, ex -> Reply.ok(new Items<>(r.questions.tags(ex.caller()))))
        .add("PUT", "/api/v1/tags/{tag}", Access.WRITE, r::defineTag)
        .add("GET", "/api/v1/community/queue", Access.READ, ex -> Reply.ok(new Items<>(r.questions.communityQueue(ex.caller(), ex.query("tag")))));
  }

  private Reply list(Exchange ex) {
    return Reply.ok(new Items<>(experts.list(ex.caller(), ex.query("tag"), ex.page(20).limit())));
  }

  private Reply declare(Exchange ex) throws Exception {
    TagsBody body = ex.body(TagsBody.class);
    if (body.tags() == null) {
      throw new InvalidInputException("tags", "tags is required: the expertise tags, [] to clear them");
    }
    return Reply.ok(experts.declare(ex.caller(), ex.path("userId"), body.tags()));
  }

  private Reply away(Exchange ex) throws Exception {
    AwayBody body = ex.body(AwayBody.class);
    if (body.away() == null) {
      throw new InvalidInputException("away", "away is required: true or false");
    }
    return Reply.ok(experts.setAway(ex.caller(), ex.path("userId"), body.away()));
  }

  private Reply defineTag(Exchange ex) throws Exception {
    TagBody body = ex.request().getContentLengthLong() == 0 ? new TagBody(null, null, null) : ex.body(TagBody.class);
    TagSettings settings = new TagSettings(Optional.ofNullable(body.description()), Optional.ofNullable(body.communityManagers()),
        Optional.ofNullable(body.deadlineMinutes()).map(Duration::ofMinutes));
    return Reply.ok(questions.defineTag(ex.caller(), ex.path("tag"), settings));
  }
}
