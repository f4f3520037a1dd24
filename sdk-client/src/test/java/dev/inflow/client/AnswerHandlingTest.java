package dev.inflow.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How answers become values or typed exceptions, including answers that are not what the API promises. */
class AnswerHandlingTest {
  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private InflowClient client;

  @BeforeEach
  void open() {
    client = InflowClient.builder().baseUrl(server.baseUrl() + "/inflow/").tokenSupplier(() -> "token").maxRetries(0).build();
  }

  @AfterEach
  void close() {
    client.close();
  }

  static Stream<Arguments> statuses() {
    return Stream.of(
        Arguments.of(400, InvalidRequestException.class),
        Arguments.of(401, UnauthorizedException.class),
        Arguments.of(403, ForbiddenException.class),
        Arguments.of(404, NotFoundException.class),
        Arguments.of(405, InflowApiException.class),
        Arguments.of(409, ConflictException.class),
        Arguments.of(412, PreconditionFailedException.class),
        Arguments.of(413, PayloadTooLargeException.class),
        Arguments.of(429, RateLimitedException.class),
        Arguments.of(500, ServerException.class),
        Arguments.of(503, ServiceUnavailableException.class));
  }

  @ParameterizedTest
  @MethodSource("statuses")
  void eachProblemStatusBecomesItsExceptionCarryingTheProblem(int status, Class<? extends InflowApiException> type) {
    server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/problem+json")
        .withBody("{\"type\":\"https://inflow.dev/problems/x\",\"title\":\"The title\",\"status\":" + status
            + ",\"detail\":\"The detail\",\"errors\":[{\"field\":\"body\",\"message\":\"body is required\"}]}")));

    InflowApiException e = catchThrowableOfType(InflowApiException.class, () -> client.comments().get("7"));

    assertThat(e).isExactlyInstanceOf(type);
    assertThat(e.status()).isEqualTo(status);
    assertThat(e.problem()).get().satisfies(p -> {
      assertThat(p.type()).isEqualTo("https://inflow.dev/problems/x");
      assertThat(p.title()).isEqualTo("The title");
      assertThat(p.status()).isEqualTo(status);
      assertThat(p.detail()).contains("The detail");
    });
    assertThat(e.errors()).containsExactly(new FieldError("body", "body is required"));
    assertThat(e.getMessage()).isEqualTo("GET /inflow/api/v1/comments/7 answered " + status + " The title: The detail");
  }

  @Test
  void staleEditNamesTheCurrentVersionFromTheEtag() {
    server.stubFor(WireMock.patch(anyUrl()).willReturn(aResponse().withStatus(412).withHeader("ETag", "\"4\"")
        .withHeader("Content-Type", "application/problem+json").withBody(Answers.problem(412, "precondition-failed", "Changed by someone else", "x"))));

    PreconditionFailedException e = catchThrowableOfType(PreconditionFailedException.class, () -> client.comments().edit("7", "text", 2));

    assertThat(e.currentEtag()).contains("\"4\"");
    assertThat(e.currentVersion()).hasValue(4);
  }

  @Test
  void htmlErrorPageFromAProxyStillBecomesTheExceptionForItsStatus() {
    server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(502).withHeader("Content-Type", "text/html")
        .withBody("<html><head><title>502 Bad Gateway</title><style>body{color:red}</style></head>"
            + "<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>")));

    ServerException e = catchThrowableOfType(ServerException.class, () -> client.comments().get("7"));

    assertThat(e.status()).isEqualTo(502);
    Problem problem = e.problem().orElseThrow();
    assertThat(problem.type()).isEqualTo(Problem.ABOUT_BLANK);
    assertThat(problem.title()).isEqualTo("Bad Gateway");
    assertThat(problem.detail()).get().asString()
        .contains("not a problem document", "text/html", "502 Bad Gateway 502 Bad Gateway nginx")
        .doesNotContain("<", "color:red");
  }

  @Test
  void brokenProblemJsonOrAnEmptyBodyStillBecomesTheExceptionForItsStatus() {
    server.stubFor(get(urlPathEqualTo("/inflow/api/v1/comments/1")).willReturn(aResponse().withStatus(404)
        .withHeader("Content-Type", "application/problem+json").withBody("{\"title\": \"Not fo")));
    server.stubFor(get(urlPathEqualTo("/inflow/api/v1/comments/2")).willReturn(aResponse().withStatus(403)));
    server.stubFor(get(urlPathEqualTo("/inflow/api/v1/comments/3")).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json").withBody("[1,2,3]")));

    assertThatThrownBy(() -> client.comments().get("1")).isExactlyInstanceOf(NotFoundException.class)
        .hasMessageContaining("answered 404 Not Found: the answer was not a problem document but application/problem+json: {\"title\": \"Not fo");
    assertThatThrownBy(() -> client.comments().get("2")).isExactlyInstanceOf(ForbiddenException.class)
        .hasMessageContaining("answered 403 Forbidden: the answer was not a problem document but empty");
    assertThat(catchThrowableOfType(InvalidRequestException.class, () -> client.comments().get("3")).errors()).isEmpty();
  }

  @Test
  void malformedJsonInASuccessIsAnUnexpectedResponseQuotingTheBody() {
    server.stubFor(get(anyUrl()).willReturn(okJson("{\"id\":\"7\",\"body\":")));

    UnexpectedResponseException e = catchThrowableOfType(UnexpectedResponseException.class, () -> client.comments().get("7"));

    assertThat(e.status()).isEqualTo(200);
    assertThat(e.getMessage()).contains("GET /inflow/api/v1/comments/7 answered 200 with a body the client cannot read", "not valid JSON",
        "it starts with: {\"id\":\"7\",\"body\":");
  }

  @Test
  void jsonOfTheWrongShapeNamesTheFieldThatIsWrong() {
    server.stubFor(get(urlPathEqualTo("/inflow/api/v1/comments/7")).willReturn(okJson("{\"id\":\"7\",\"targetKey\":42}")));
    server.stubFor(get(urlPathEqualTo("/inflow/api/v1/targets/t/comments")).willReturn(okJson(
        Answers.page(null, Answers.comment("1", "fine"), Answers.comment("2", "broken").replace("\"createdAt\":\"2026-11-23T10:00:00Z\"", "\"createdAt\":\"yesterday\"")))));

    assertThatThrownBy(() -> client.comments().get("7")).isInstanceOf(UnexpectedResponseException.class)
        .hasMessageContaining("'targetKey' is a number, expected a string");
    assertThatThrownBy(() -> client.comments().list("t")).isInstanceOf(UnexpectedResponseException.class)
        .hasMessageContaining("items[1]: 'createdAt' is not an ISO-8601 timestamp: yesterday");
  }

  @Test
  void aLoginPageAnsweredWith200IsNotMistakenForData() {
    server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html; charset=utf-8")
        .withBody("<!doctype html><title>Sign in - Contoso SSO</title><form>...</form>")));

    assertThatThrownBy(() -> client.me()).isInstanceOf(UnexpectedResponseException.class)
        .hasMessageContaining("answered 200 with text/html instead of JSON").hasMessageContaining("Sign in - Contoso SSO");
  }

  @Test
  void aRedirectIsReportedWithWhereItPointsInsteadOfFollowed() {
    server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(302).withHeader("Location", "https://sso.example.com/login?next=/inflow")));

    InflowApiException e = catchThrowableOfType(InflowApiException.class, () -> client.me());

    assertThat(e).isExactlyInstanceOf(InflowApiException.class);
    assertThat(e.status()).isEqualTo(302);
    assertThat(e.getMessage()).contains("redirects to https://sso.example.com/login?next=/inflow");
    server.verify(1, anyRequestedFor(anyUrl()));
  }

  @Test
  void targetKeysKeepTheirSlashesAndColonsAndEmojiArePercentEncoded() {
    server.stubFor(get(anyUrl()).willReturn(okJson(Answers.page(null))));
    server.stubFor(WireMock.put(anyUrl()).willReturn(okJson(Answers.comment("42", "x"))));

    client.comments().list("kb/network/vpn setup:eu", ListOptions.first().sort(CommentSort.NEWEST).limit(5).after("c1"));
    client.comments().react("42", "👍");
    client.comments().counts(List.of("order:1", "kb/a b"));

    assertThat(requestedUrls()).containsExactly(
        "/inflow/api/v1/targets/kb/network/vpn%20setup:eu/comments?sort=newest&limit=5&cursor=c1",
        "/inflow/api/v1/comments/42/reactions/%F0%9F%91%8D",
        "/inflow/api/v1/comments/counts?keys=order%3A1%2Ckb%2Fa%20b");
  }

  @Test
  void countsOfManyKeysAreSplitIntoRequestsTheServerAccepts() {
    server.stubFor(get(urlPathEqualTo("/inflow/api/v1/comments/counts")).willReturn(okJson("{\"counts\":{\"k0\":3,\"k150\":1}}")));
    List<String> keys = java.util.stream.IntStream.range(0, 250).mapToObj(i -> "k" + i).toList();

    var counts = client.comments().counts(keys);

    assertThat(counts).hasSize(250).containsEntry("k0", 3L).containsEntry("k1", 0L).containsEntry("k150", 1L);
    assertThat(counts.keySet()).containsExactlyElementsOf(keys);
    assertThat(requestedUrls()).hasSize(3);
    assertThat(client.comments().counts(List.of())).isEmpty();
    assertThat(requestedUrls()).hasSize(3);
  }

  @Test
  void streamFetchesPagesOnlyAsFarAsItIsConsumed() {
    server.stubFor(get(urlPathEqualTo("/inflow/api/v1/targets/t/comments")).withQueryParam("cursor", WireMock.absent())
        .willReturn(okJson(Answers.page("p2", Answers.comment("1", "one"), Answers.comment("2", "two")))));
    server.stubFor(get(urlPathEqualTo("/inflow/api/v1/targets/t/comments")).withQueryParam("cursor", WireMock.equalTo("p2"))
        .willReturn(okJson(Answers.page(null, Answers.comment("3", "three")))));

    Stream<Comment> lazy = client.comments().stream("t");
    assertThat(requestedUrls()).isEmpty();
    assertThat(client.comments().stream("t", ListOptions.first().limit(2)).limit(2).map(Comment::id)).containsExactly("1", "2");
    assertThat(requestedUrls()).hasSize(1);
    assertThat(lazy.map(Comment::body)).containsExactly("one", "two", "three");
    assertThat(requestedUrls()).hasSize(3);
  }

  @Test
  void aClosedClientRefusesCallsButItsDerivedClientsDoNotCloseIt() {
    server.stubFor(get(anyUrl()).willReturn(okJson(Answers.me())));
    InflowClient ana = client.withTokenSupplier(() -> "ana-token");

    ana.close();
    assertThat(client.me().signedIn()).isTrue();
    assertThat(server.findAll(anyRequestedFor(anyUrl())).get(0).getHeader("Authorization")).isEqualTo("Bearer token");
    assertThat(ana.me().tenant()).isEqualTo("default");
    assertThat(server.findAll(anyRequestedFor(anyUrl())).get(1).getHeader("Authorization")).isEqualTo("Bearer ana-token");

    client.close();
    assertThatThrownBy(() -> client.me()).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    assertThatThrownBy(() -> ana.me()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void builderNamesTheOptionThatIsWrong() {
    assertThatThrownBy(() -> InflowClient.builder().build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("baseUrl is required");
    assertThatThrownBy(() -> InflowClient.builder().baseUrl("inflow.example.com")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("baseUrl must be an http or https URL");
    assertThatThrownBy(() -> InflowClient.builder().baseUrl("https://x/inflow?a=b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> InflowClient.builder().maxRetries(11)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxRetries");
    assertThatThrownBy(() -> InflowClient.builder().readTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("readTimeout");
    assertThatThrownBy(() -> client.comments().create("t", NewComment.of("x"), "key with spaces")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("idempotencyKey");
  }

  private static List<String> requestedUrls() {
    // WireMock lists the newest first.
    List<String> urls = new java.util.ArrayList<>(server.getAllServeEvents().stream().map(ServeEvent::getRequest).map(r -> r.getUrl()).toList());
    java.util.Collections.reverse(urls);
    return urls;
  }
}
