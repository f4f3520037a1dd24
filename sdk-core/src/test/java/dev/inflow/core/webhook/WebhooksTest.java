package dev.inflow.core.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.inflow.core.testing.People.ANA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.inflow.core.AccessDeniedException;
import dev.inflow.core.Caller;
import dev.inflow.core.Inflow;
import dev.inflow.core.InvalidInputException;
import dev.inflow.core.Limits;
import dev.inflow.core.NotFoundException;
import dev.inflow.core.PageRequest;
import dev.inflow.core.Role;
import dev.inflow.core.User;
import dev.inflow.core.comment.NewComment;
import dev.inflow.core.testing.MutableClock;
import dev.inflow.core.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Webhooks as an administrator and a receiver (WireMock) see them. */
class WebhooksTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Caller ADMIN = Caller.of("default", User.builder("root").name("Root").roles(Role.ADMIN).build());
  private final WireMockServer receiver = new WireMockServer(wireMockConfig().dynamicPort());
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));
  private final Inflow inflow;
  private final Webhooks webhooks;

  WebhooksTest() {
    receiver.start();
    receiver.stubFor(post(urlPathEqualTo("/hooks")).willReturn(aResponse().withStatus(204)));
    inflow = TestDatabase.inflow().clock(clock).runBackgroundJobs(false).limits(Limits.builder().userWritesPerMinute(1_000).build())
        .webhooks(new WebhookSettings(Duration.ofSeconds(2), 3)).build();
    webhooks = inflow.webhooks();
  }

  @AfterEach
  void stop() {
    inflow.close();
    receiver.stop();
  }

  private String hookUrl() {
    return "http://localhost:" + receiver.port() + "/hooks";
  }

  /** The receiver runs on this machine, which a tenant must allow-list like an intranet host. */
  private Webhook registerLocal(String... events) {
    webhooks.setAllowList(ADMIN, List.of("localhost"));
    return webhooks.register(ADMIN, new NewWebhook(hookUrl(), List.of(events), Optional.of("test receiver")));
  }

  private void comment(String body) {
    clock.advance(Duration.ofSeconds(1));
    inflow.comments().create(ANA, "order:4711", NewComment.of(body), Optional.empty());
  }

  private void deliverAndWait() {
    inflow.platform().jobs().runDue();
    clock.advance(Duration.ofHours(2));
  }

  private List<LoggedRequest> received() {
    List<LoggedRequest> all = new ArrayList<>(receiver.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo("/hooks"))));
    return all;
  }

  /** Verifies a signature the way the Standard Webhooks libraries do, independently of Inflow's code. */
  private static boolean signedWith(String secret, LoggedRequest r) throws Exception {
    byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    String signed = r.getHeader("webhook-id") + "." + r.getHeader("webhook-timestamp") + "." + r.getBodyAsString();
    String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    return List.of(r.getHeader("webhook-signature").split(" ")).contains(expected);
  }

  @Test
  void eventsArriveSignedTheStandardWebhooksWay() throws Exception {
    Webhook hook = registerLocal("comment.created");
    comment("Hello receivers");
    inflow.platform().jobs().runDue();

    assertThat(hook.secret().orElseThrow()).startsWith("whsec_");
    LoggedRequest r = received().get(0);
    assertThat(signedWith(hook.secret().get(), r)).isTrue();
    assertThat(r.getHeader("webhook-timestamp")).isEqualTo(Long.toString(clock.instant().getEpochSecond()));
    assertThat(r.getHeader("webhook-id")).startsWith("msg_");
    JsonNode body = JSON.readTree(r.getBodyAsString());
    assertThat(body.path("type").asText()).isEqualTo("comment.created");
    assertThat(body.at("/data/body").asText()).isEqualTo("Hello receivers");
    assertThat(body.path("timestamp").asText()).isEqualTo("2026-11-23T09:00:01Z");
  }

  @Test
  void endpointsGetOnlyTheEventTypesTheyAskedFor() throws Exception {
    registerLocal("activity.*");
    comment("one");
    inflow.platform().jobs().runDue();

    assertThat(received()).extracting(r -> JSON.readTree(r.getBodyAsString()).path("type").asText()).containsExactly("activity.created");
  }

  @Test
  void failedDeliveriesAreRetriedUnderTheSameIdAndRefusalsDeadLettered() {
    receiver.resetMappings();
    receiver.stubFor(post(urlPathEqualTo("/hooks")).willReturn(aResponse().withStatus(503)));
    registerLocal("comment.created");
    comment("retry me");
    deliverAndWait();
    receiver.resetMappings();
    receiver.stubFor(post(urlPathEqualTo("/hooks")).willReturn(aResponse().withStatus(200)));
    deliverAndWait();
    deliverAndWait();

    assertThat(received()).hasSize(2);
    assertThat(received().stream().map(r -> r.getHeader("webhook-id")).distinct()).hasSize(1);

    receiver.resetMappings();
    receiver.stubFor(post(urlPathEqualTo("/hooks")).willReturn(aResponse().withStatus(410)));
    comment("gone");
    deliverAndWait();
    deliverAndWait();
    assertThat(received()).hasSize(3);
    assertThat(inflow.deadLetters().list(ADMIN, PageRequest.first(10)).items()).singleElement()
        .satisfies(d -> assertThat(d.lastError().orElseThrow()).contains("answered 410"));
  }

  @Test
  void loopbackLinkLocalAndPrivateReceiversAreRefusedUnlessAllowListed() {
    for (String url : List.of("http://127.0.0.1:" + receiver.port() + "/hooks", hookUrl(), "http://169.254.169.254/latest/meta-data",
        "http://10.1.2.3/hooks", "http://192.168.0.10/hooks", "http://[::1]/hooks", "http://0.0.0.0/hooks")) {
      assertThatThrownBy(() -> webhooks.register(ADMIN, new NewWebhook(url, List.of("*"), Optional.empty())))
          .as(url).isInstanceOf(InvalidInputException.class)
          .satisfies(e -> assertThat(((InvalidInputException) e).errors().get(0).field()).isEqualTo("url"));
    }
    webhooks.setAllowList(ADMIN, List.of("127.0.0.0/8", "10.0.0.0/8"));
    assertThat(webhooks.register(ADMIN, new NewWebhook("http://127.0.0.1:" + receiver.port() + "/hooks", List.of("*"), Optional.empty())).id())
        .isNotBlank();
    assertThat(webhooks.register(ADMIN, new NewWebhook("http://10.1.2.3/hooks", List.of("*"), Optional.empty())).id()).isNotBlank();
    assertThatThrownBy(() -> webhooks.register(ADMIN, new NewWebhook("http://192.168.0.10/hooks", List.of("*"), Optional.empty())))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void aReceiverThatBecomesPrivateIsRefusedAtDelivery() {
    registerLocal("comment.created");
    webhooks.setAllowList(ADMIN, List.of());
    comment("after the allow-list was emptied");
    deliverAndWait();

    assertThat(received()).isEmpty();
    assertThat(inflow.deadLetters().list(ADMIN, PageRequest.first(10)).items()).singleElement()
        .satisfies(d -> assertThat(d.lastError().orElseThrow()).contains("refused").contains("loopback"));
  }

  @Test
  void deletingAnEndpointDropsWhatIsQueuedForIt() {
    Webhook hook = registerLocal("*");
    comment("never sent");
    webhooks.delete(ADMIN, hook.id());
    deliverAndWait();

    assertThat(received()).isEmpty();
    assertThat(webhooks.list(ADMIN)).isEmpty();
    assertThatThrownBy(() -> webhooks.get(ADMIN, hook.id())).isInstanceOf(NotFoundException.class);
  }

  @Test
  void onlyAdministratorsManageWebhooksAndSecretsAreShownOnce() {
    assertThatThrownBy(() -> webhooks.list(ANA)).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> webhooks.setAllowList(ANA, List.of("localhost"))).isInstanceOf(AccessDeniedException.class);
    Webhook hook = registerLocal("comment.*");

    assertThat(webhooks.list(ADMIN)).singleElement().satisfies(w -> {
      assertThat(w.secret()).isEmpty();
      assertThat(w.events()).containsExactly("comment.*");
      assertThat(w.description()).contains("test receiver");
    });
    assertThat(webhooks.get(ADMIN, hook.id()).secret()).isEmpty();
  }

  @Test
  void registrationsAreCheckedFieldByField() {
    webhooks.setAllowList(ADMIN, List.of("localhost"));
    assertField(new NewWebhook("ftp://example.com/x", List.of("*"), Optional.empty()), "url");
    assertField(new NewWebhook("https://user:pw@example.com/x", List.of("*"), Optional.empty()), "url");
    assertField(new NewWebhook("https://no-such-host.invalid/x", List.of("*"), Optional.empty()), "url");
    assertField(new NewWebhook(hookUrl(), List.of(), Optional.empty()), "events");
    assertField(new NewWebhook(hookUrl(), List.of("Comment Created"), Optional.empty()), "events");
    assertField(new NewWebhook(hookUrl(), List.of("notification.created"), Optional.empty()), "events");
    assertThatThrownBy(() -> webhooks.setAllowList(ADMIN, List.of("10.0.0.0/33"))).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> webhooks.setAllowList(ADMIN, List.of("not a host"))).isInstanceOf(InvalidInputException.class);
    assertThat(webhooks.setAllowList(ADMIN, List.of("Hooks.Intranet.Example", "10.20.30.40/16", "fd00::1/8")))
        .containsExactly("hooks.intranet.example", "10.20.0.0/16", "fd00:0:0:0:0:0:0:0/8");
  }

  private void assertField(NewWebhook webhook, String field) {
    assertThatThrownBy(() -> webhooks.register(ADMIN, webhook)).isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).errors().get(0).field()).isEqualTo(field));
  }
}
