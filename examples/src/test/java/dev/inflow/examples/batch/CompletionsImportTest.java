package dev.inflow.examples.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inflow.client.Activity;
import dev.inflow.client.InflowClient;
import dev.inflow.client.TokenUser;
import dev.inflow.client.UserTokenSigner;
import dev.inflow.core.Inflow;
import dev.inflow.core.testing.TestDatabase;
import dev.inflow.servlet.InflowServlet;
import dev.inflow.servlet.testing.Container;
import dev.inflow.servlet.testing.TestServer;
import dev.inflow.servlet.testing.TestTokens;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The batch job against the real server (Jetty, on the database of the run): one run publishes, a second adds nothing. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompletionsImportTest {
  private Inflow inflow;
  private TestServer server;
  private InflowClient client;
  private UserTokenSigner signer;

  @BeforeAll
  void start() throws Exception {
    inflow = TestDatabase.inflow().build();
    server = TestServer.start(Container.JETTY, InflowServlet.builder(inflow).tenantKeys(TestTokens.keys()).build());
    signer = UserTokenSigner.builder().tenant("default").secret(TestTokens.SECRET).build();
    client = InflowClient.builder().baseUrl(server.baseUrl() + "/inflow").maxRetries(0).build();
  }

  @AfterAll
  void stop() throws Exception {
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

  private InflowClient service() {
    return client.withTokenSupplier(() -> signer.sign(TokenUser.of("lms-import", "LMS import").withRoles("service")));
  }

  private InflowClient reader() {
    return client.withTokenSupplier(() -> signer.sign(TokenUser.of("reader", "Reader")));
  }

  /** @return an export of three completions of one course, with a row the job cannot read on line 4 */
  private static String export(String course) {
    return "user_id,user_name,course_id,course_title,course_url,completed_at\r\n"
        + "ana-" + course + ",Ana Lima," + course + ",\"Java 101: the basics, part 1\",https://lms.example.com/" + course + ",2026-11-20T09:15:00Z\r\n"
        + "ben-" + course + ",Ben Okafor," + course + ",\"Java 101: the basics, part 1\",," + "2026-11-21\r\n"
        + "carla-" + course + ",,," + "Broken row,,yesterday\r\n"
        + "dev-" + course + ",\"Dev \"\"the dev\"\" Rao\"," + course + ",\"Java 101: the basics, part 1\",,2026-11-22T16:00:00Z\r\n";
  }

  /** @return how many activities the course's feed stands for (similar ones close in time fold into one item) */
  private long completionsOf(String course) {
    return reader().feed().streamTarget("course:" + course).mapToLong(Activity::count).sum();
  }

  @Test
  void aSecondRunOfTheSameExportAddsNothing(@TempDir Path dir) throws Exception {
    String course = "java-" + UUID.randomUUID().toString().substring(0, 8);
    Path ledger = dir.resolve("completions.csv.published");

    CompletionsImport.Report first = new CompletionsImport(service(), Optional.of(ledger)).run(new StringReader(export(course)));

    assertThat(first.read()).isEqualTo(3);
    assertThat(first.sent()).isEqualTo(3);
    assertThat(first.problems()).singleElement().asString().startsWith("line 4: ").contains("course_id is empty");
    assertThat(completionsOf(course)).isEqualTo(3);
    assertThat(reader().feed().streamUser("dev-" + course)).singleElement().satisfies(a -> {
      assertThat(a.verb()).isEqualTo("completed");
      assertThat(a.object().name()).isEqualTo("Java 101: the basics, part 1");
      assertThat(a.actor()).hasValueSatisfying(actor -> assertThat(actor.name()).isEqualTo("Dev \"the dev\" Rao"));
    });
    assertThat(Files.readAllLines(ledger)).hasSize(3);

    CompletionsImport.Report second = new CompletionsImport(service(), Optional.of(ledger)).run(new StringReader(export(course)));

    assertThat(second.sent()).isZero();
    assertThat(second.skipped()).isEqualTo(3);
    assertThat(completionsOf(course)).isEqualTo(3);
  }

  @Test
  void withoutItsLedgerASecondRunStillAddsNothingBecauseEachRowCarriesTheSameKey() throws Exception {
    String course = "java-" + UUID.randomUUID().toString().substring(0, 8);

    new CompletionsImport(service(), Optional.empty()).run(new StringReader(export(course)));
    CompletionsImport.Report again = new CompletionsImport(service(), Optional.empty()).run(new StringReader(export(course)));

    assertThat(again.sent()).isEqualTo(3); // the server answered each with the activity it already had
    assertThat(completionsOf(course)).isEqualTo(3);
    assertThat(reader().feed().streamUser("ana-" + course)).hasSize(1);
  }

  @Test
  void theSameCompletionInALaterExportWithOtherTitlesIsReportedNotDuplicated() throws Exception {
    String course = "java-" + UUID.randomUUID().toString().substring(0, 8);
    new CompletionsImport(service(), Optional.empty()).run(new StringReader(export(course)));

    CompletionsImport.Report renamed = new CompletionsImport(service(), Optional.empty())
        .run(new StringReader(export(course).replace("Java 101: the basics, part 1", "Java 101 (2027 edition)")));

    assertThat(renamed.sent()).isZero();
    assertThat(renamed.problems()).filteredOn(p -> p.contains("already published with other details")).hasSize(3);
    assertThat(completionsOf(course)).isEqualTo(3);
  }
}
