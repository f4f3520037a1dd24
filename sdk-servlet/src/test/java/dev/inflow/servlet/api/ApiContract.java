package dev.inflow.servlet.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inflow.core.Inflow;
import dev.inflow.core.Limits;
import dev.inflow.core.spi.AccessPolicy;
import dev.inflow.core.testing.TestDatabase;
import dev.inflow.servlet.InflowServlet;
import dev.inflow.servlet.testing.Container;
import dev.inflow.servlet.testing.Http;
import dev.inflow.servlet.testing.TestServer;
import dev.inflow.servlet.testing.TestTokens;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Starts Inflow on a fresh database inside the container of the subclass, once per test class.
 * Tests keep out of each other's way by using their own target keys.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ApiContract {
  protected static final String API = "/inflow/api/v1";
  protected Inflow inflow;
  protected TestServer server;

  protected abstract Container container();

  /** Limits for this class's server; generous so that only the rate-limit tests meet them. */
  protected Limits limits() {
    return Limits.builder().userWritesPerMinute(10_000).tenantWritesPerMinute(100_000).userReadsPerMinute(10_000).build();
  }

  /** The host's access policy for this class's server. */
  protected AccessPolicy accessPolicy() {
    return AccessPolicy.signedInUsers();
  }

  @BeforeAll
  void startServer() throws Exception {
    inflow = TestDatabase.inflow().limits(limits()).accessPolicy(accessPolicy()).build();
    InflowServlet servlet = InflowServlet.builder(inflow)
        .tenantKeys(TestTokens.keys())
        .allowedOrigins(List.of("https://portal.example.com"))
        .build();
    server = TestServer.start(container(), servlet);
  }

  @AfterAll
  void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
    if (inflow != null) {
      inflow.close();
    }
  }

  protected Http http() {
    return new Http(server.baseUrl());
  }

  protected static String newTarget() {
    return "test:" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Posts a comment as the user (bearer token) and returns its JSON. */
  protected JsonNode post(String user, String target, String body) {
    Http.Response r = http().post(API + "/targets/" + target + "/comments").bearer(TestTokens.token(user))
        .json("{\"body\":" + quote(body) + "}").send();
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json();
  }

  protected static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  /** Asserts an answer is a problem of the status, naming the field if one is given. */
  protected static void assertProblem(Http.Response r, int status, String field) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    JsonNode problem = r.json();
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    assertThat(problem.path("type").asText()).startsWith("https://inflow.dev/problems/");
    assertThat(problem.path("title").asText()).isNotBlank();
    assertThat(problem.path("detail").asText()).isNotBlank();
    if (field != null) {
      assertThat(problem.path("errors")).as(r.toString()).anySatisfy(e -> assertThat(e.path("field").asText()).isEqualTo(field));
    }
  }
}
