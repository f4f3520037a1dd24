package dev.inflow.client;

import dev.inflow.core.Inflow;
import dev.inflow.core.Limits;
import dev.inflow.core.testing.TestDatabase;
import dev.inflow.servlet.InflowServlet;
import dev.inflow.servlet.testing.Container;
import dev.inflow.servlet.testing.TestServer;
import dev.inflow.servlet.testing.TestTokens;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What the contract suites share: the real servlet in Jetty on the database of the run (H2 or
 * PostgreSQL), tokens from the client's own signer, and clients per user. Tests keep out of each
 * other's way with their own tags, targets and user names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ContractServer {
  protected Inflow inflow;
  protected TestServer server;
  protected InflowClient client;
  protected UserTokenSigner signer;

  @BeforeAll
  void startServer() throws Exception {
    inflow = TestDatabase.inflow()
        .limits(Limits.builder().userWritesPerMinute(10_000).tenantWritesPerMinute(100_000).userReadsPerMinute(10_000).build())
        .build();
    server = TestServer.start(Container.JETTY, InflowServlet.builder(inflow).tenantKeys(TestTokens.keys()).build());
    signer = UserTokenSigner.builder().tenant("default").secret(TestTokens.SECRET).build();
    client = InflowClient.builder().baseUrl(server.baseUrl() + "/inflow").maxRetries(0).build();
  }

  @AfterAll
  void stopServer() throws Exception {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
    if (inflow != null) {
      inflow.close();
    }
  }

  /** @return a client calling as the user, with the roles */
  protected InflowClient as(String user, String... roles) {
    return as(TokenUser.of(user, name(user)).withRoles(roles));
  }

  /** @return a client calling as the user the token describes */
  protected InflowClient as(TokenUser user) {
    return client.withTokenSupplier(() -> signer.sign(user));
  }

  /** @return a client calling as an expert for the tags, whose profile the server has already seen */
  protected InflowClient expert(String user, String... tags) {
    InflowClient expert = as(TokenUser.of(user, name(user)).withExpertise(tags));
    expert.me(); // the server learns declared expertise from the token when the user first calls
    return expert;
  }

  protected static String newTag() {
    return "t" + UUID.randomUUID().toString().substring(0, 8);
  }

  protected static String newTarget() {
    return "test:" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String name(String user) {
    return user.substring(0, 1).toUpperCase() + user.substring(1);
  }
}
