package dev.inflow.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * WireMock standing in for the REST API, for what a real server will not do on demand; the client
 * under test records its back-off waits instead of sleeping and draws its jitter from a fixed seed.
 */
abstract class StubbedServer {
  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  protected final RecordingSleeper sleeper = new RecordingSleeper();
  protected InflowClient client;

  @AfterEach
  void closeClient() {
    if (client != null) {
      client.close();
    }
  }

  /** @return a client of the stub, with the options applied; closed after the test */
  protected InflowClient client(UnaryOperator<InflowClient.Builder> options) {
    client = options.apply(InflowClient.builder().baseUrl(server.baseUrl() + "/inflow").tokenSupplier(() -> "token")
        .sleeper(sleeper).random(new Random(3))).build();
    return client;
  }

  protected static ResponseDefinitionBuilder problem(int status, String type, String title) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/problem+json")
        .withBody(Answers.problem(status, type, title, title + " (stubbed)"));
  }
}
