package dev.inflow.examples.batch;

import dev.inflow.client.ConflictException;
import dev.inflow.client.InflowApiException;
import dev.inflow.client.InflowClient;
import dev.inflow.client.InvalidRequestException;
import dev.inflow.client.NewActivity;
import dev.inflow.client.TokenUser;
import dev.inflow.client.UserTokenSigner;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A batch job that reads an LMS export of course completions (CSV) and publishes each as an
 * activity, "Ana completed Java 101", so that colleagues see it in their feeds next to comments
 * and answers.
 *
 * <p><b>Running it twice adds nothing.</b> Each completion is published with an
 * {@code Idempotency-Key} derived from what identifies it (user, course, time; see
 * {@link Completion#idempotencyKey()}): a second run, or a run restarted after a crash, gets the
 * recorded activity back instead of a new one, and the client's own retries after a lost answer
 * are just as harmless. The server keeps idempotency keys for a day, so the job also keeps a
 * ledger of the keys it published (one per line, appended as it goes): rows in the ledger are
 * not sent again on a run weeks later. Losing the ledger is safe within the server's day, which
 * covers the usual daily export.
 *
 * <pre>
 * INFLOW_URL=https://inflow.example.com/inflow INFLOW_TOKEN_SECRET=... \
 *   java -cp examples.jar dev.inflow.examples.batch.CompletionsImport completions.csv
 * </pre>
 */
public final class CompletionsImport {
  private final InflowClient inflow;
  private final Optional<Path> ledger;

  /**
   * What a run did.
   *
   * @param read completions read from the file
   * @param sent completions sent to Inflow and recorded there (now, or by an earlier run within the server's idempotency window)
   * @param skipped completions the ledger says an earlier run published
   * @param problems rows not published, each with its line number and why
   */
  public record Report(int read, int sent, int skipped, List<String> problems) {
    public Report {
      problems = List.copyOf(problems);
    }
  }

  /**
   * @param inflow a client whose token has the {@code service} role
   * @param ledger the file of keys already published, created when missing; empty for none
   */
  public CompletionsImport(InflowClient inflow, Optional<Path> ledger) {
    this.inflow = Objects.requireNonNull(inflow, "inflow");
    this.ledger = Objects.requireNonNull(ledger, "ledger");
  }

  /**
   * Publishes every completion of the export that is not yet published. A row Inflow refuses is
   * reported and the others go on; a failure of Inflow itself (unreachable after the client's
   * retries) stops the run, which can simply be started again.
   *
   * @throws IOException when the export or the ledger cannot be read or written
   * @throws InflowApiException when Inflow cannot be reached or refuses the service token
   */
  public Report run(Reader export) throws IOException {
    CompletionsCsv.Result csv = CompletionsCsv.read(export);
    Set<String> published = readLedger();
    List<String> problems = new ArrayList<>(csv.problems());
    int sent = 0;
    int skipped = 0;
    for (Completion completion : csv.completions()) {
      String key = completion.idempotencyKey();
      if (published.contains(key)) {
        skipped++;
        continue;
      }
      try {
        inflow.activities().publish(activity(completion), key);
      } catch (InvalidRequestException e) {
        problems.add("line " + completion.line() + ": Inflow refused it: " + e.errors());
        continue;
      } catch (ConflictException e) {
        // Same user, course and time, other titles: the completion is there, with the details first sent.
        problems.add("line " + completion.line() + ": already published with other details; left as first published");
        continue;
      }
      sent++;
      published.add(key);
      appendToLedger(key);
    }
    return new Report(csv.completions().size(), sent, skipped, problems);
  }

  static NewActivity activity(Completion c) {
    String course = "course:" + c.courseId();
    NewActivity.Builder activity = NewActivity.builder("completed", course, c.courseTitle()).objectType("course");
    c.courseUrl().ifPresent(activity::objectUrl);
    if (c.courseUrl().isPresent()) {
      activity.target(course, c.courseTitle(), c.courseUrl().get());
    } else {
      activity.target(course);
    }
    if (c.userName().isPresent()) {
      activity.actor(c.userId(), c.userName().get());
    } else {
      activity.actor(c.userId());
    }
    return activity.build();
  }

  private Set<String> readLedger() throws IOException {
    Set<String> keys = new HashSet<>();
    if (ledger.isPresent() && Files.exists(ledger.get())) {
      for (String line : Files.readAllLines(ledger.get(), StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          keys.add(line.strip());
        }
      }
    }
    return keys;
  }

  private void appendToLedger(String key) throws IOException {
    if (ledger.isPresent()) {
      Files.writeString(ledger.get(), key + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
          StandardOpenOption.WRITE);
    }
  }

  /**
   * Runs the job on one export. Settings come from the environment: {@code INFLOW_URL} (default
   * {@code http://localhost:8080/inflow}), {@code INFLOW_TENANT} (default {@code default}),
   * {@code INFLOW_TOKEN_SECRET} (required), {@code INFLOW_SERVICE_USER} (default {@code lms-import}).
   * The ledger is the export's path plus {@code .published}.
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: CompletionsImport <completions.csv>   (columns user_id, user_name, course_id, course_title, course_url, completed_at)");
      System.exit(2);
    }
    String secret = System.getenv("INFLOW_TOKEN_SECRET");
    if (secret == null || secret.isBlank()) {
      System.err.println("set INFLOW_TOKEN_SECRET to the tenant's token secret (the server's INFLOW_TOKEN_SECRET)");
      System.exit(2);
    }
    Path export = Path.of(args[0]);
    UserTokenSigner signer = UserTokenSigner.builder().tenant(env("INFLOW_TENANT", "default")).secret(secret).build();
    TokenUser service = TokenUser.of(env("INFLOW_SERVICE_USER", "lms-import"), "LMS import").withRoles("service");
    try (InflowClient inflow = InflowClient.builder().baseUrl(env("INFLOW_URL", "http://localhost:8080/inflow"))
        .tokenSupplier(() -> signer.sign(service)).maxRetries(5).build();
        Reader csv = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
      Report report = new CompletionsImport(inflow, Optional.of(Path.of(export + ".published"))).run(csv);
      System.out.printf("%d completions read, %d published, %d published by earlier runs, %d not published%n", report.read(),
          report.sent(), report.skipped(), report.problems().size());
      report.problems().forEach(problem -> System.out.println("  " + problem));
      System.exit(report.problems().isEmpty() ? 0 : 1);
    } catch (InflowApiException e) {
      System.err.println("stopped: " + e.getMessage() + " (run again: what was published stays published once)");
      System.exit(1);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
