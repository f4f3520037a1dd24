package dev.inflow.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.inflow.core.Inflow;
import dev.inflow.core.Limits;
import dev.inflow.core.testing.TestDatabase;
import dev.inflow.servlet.InflowServlet;
import dev.inflow.servlet.testing.Container;
import dev.inflow.servlet.testing.TestServer;
import dev.inflow.servlet.testing.TestTokens;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The real server's rate limit, set to one write per user and minute, as the client meets it.
 * Each test writes as its own user, so each starts with a full bucket.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RateLimitContractTest {
  private Inflow inflow;
  private TestServer server;
  private UserTokenSigner signer;

  @BeforeAll
  void start() throws Exception {
    inflow = TestDatabase.inflow().limits(Limits.builder().userWritesPerMinute(1).build()).build();
    server = TestServer.start(Container.JETTY, InflowServlet.builder(inflow).tenantKeys(TestTokens.keys()).build());
    signer = UserTokenSigner.builder().secret(TestTokens.SECRET).build();
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (inflow != null) {
      inflow.close();
    }
  }

  private InflowClient client(String user, UnaryOperator<InflowClient.Builder> options) {
    return options.apply(InflowClient.builder().baseUrl(server.baseUrl() + "/inflow").tokenSupplier(() -> signer.sign(user, user))).build();
  }

  @Test
  void aWriteOverTheLimitIsRateLimitedAndSaysWhenToComeBack() {
    try (InflowClient ana = client("ana", b -> b.maxRetries(0))) {
      ana.comments().create("limits:a", NewComment.of("first"));

      RateLimitedException e = catchThrowableOfType(RateLimitedException.class, () -> ana.comments().create("limits:a", NewComment.of("second")));

      assertThat(e.status()).isEqualTo(429);
      assertThat(e.retryAfter()).get().satisfies(wait -> assertThat(wait).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(60)));
      assertThat(e.problem()).get().extracting(Problem::type).isEqualTo("https://inflow.dev/problems/rate-limited");
    }
  }

  @Test
  void retriesWaitWhatTheServerAsksForThenGiveUp() {
    RecordingSleeper sleeper = new RecordingSleeper();
    try (InflowClient ben = client("ben", b -> b.maxRetries(2).maxRetryAfter(Duration.ofMinutes(2)).sleeper(sleeper))) {
      ben.comments().create("limits:b", NewComment.of("first"));

      // The sleeper returns at once, so the bucket has not refilled when the client comes back.
      RateLimitedException e = catchThrowableOfType(RateLimitedException.class, () -> ben.comments().create("limits:b", NewComment.of("second")));

      assertThat(sleeper.waits()).hasSize(2).allSatisfy(wait -> assertThat(wait).isBetween(Duration.ofSeconds(50), Duration.ofSeconds(60)));
      assertThat(e.getMessage()).contains("(attempt 3)");
      assertThat(ben.comments().list("limits:b").items()).hasSize(1);
    }
  }

  @Test
  void aRetryAfterBeyondTheCapIsNotWaitedOut() {
    RecordingSleeper sleeper = new RecordingSleeper();
    try (InflowClient carla = client("carla", b -> b.maxRetries(3).maxRetryAfter(Duration.ofSeconds(30)).sleeper(sleeper))) {
      carla.comments().create("limits:c", NewComment.of("first"));

      RateLimitedException e = catchThrowableOfType(RateLimitedException.class, () -> carla.comments().create("limits:c", NewComment.of("second")));

      assertThat(e.retryAfter()).get().satisfies(wait -> assertThat(wait).isGreaterThan(Duration.ofSeconds(30)));
      assertThat(sleeper.waits()).isEmpty();
    }
  }
}
