package dev.inflow.servlet.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inflow.servlet.testing.Http;
import dev.inflow.servlet.testing.TestTokens;
import java.util.List;
import java.util.UUID;

/** What the ask-an-expert suites share: their own tags, tokens with expertise, asking and answering. */
abstract class AskApiContract extends ApiContract {
  /** A tag of this test alone, so that tests sharing the server do not route to each other's experts. */
  protected static String newTag() {
    return "t" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A token whose profile declares expertise, as a host signs it. */
  protected static String expertToken(String user, String... tags) {
    return TestTokens.token(TestTokens.SECRET, b -> b.audience("default").subject(user).claim("name", user).claim("expertise", List.of(tags)));
  }

  protected JsonNode ask(String token, String json) {
    Http.Response r = http().post(API + "/questions").bearer(token).json(json).send();
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json();
  }

  protected JsonNode answer(String token, String questionId, String body) {
    Http.Response r = http().post(API + "/questions/" + questionId + "/answers").bearer(token).json("{\"body\":" + quote(body) + "}").send();
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json();
  }

}
