package dev.inflow.examples.springboot;

import dev.inflow.core.testing.TestDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The help desk as Boot starts it, on a random port and a fresh database of the kind the run tests
 * ({@code -Dinflow.test.db=h2|postgresql}). Subclasses share one application context, so the app
 * starts once per run and database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class HelpDeskTestBase {
  @LocalServerPort
  int port;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    String url = TestDatabase.freshUrl();
    registry.add("spring.datasource.url", () -> url);
  }

  String baseUrl() {
    return "http://localhost:" + port;
  }
}
