package dev.inflow.servlet.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inflow.core.Inflow;
import dev.inflow.core.Limits;
import dev.inflow.servlet.InflowServlet;
import dev.inflow.servlet.testing.Container;
import dev.inflow.servlet.testing.Http;
import dev.inflow.servlet.testing.TestServer;
import dev.inflow.servlet.testing.TestTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The database runs out of space under a running Inflow: every write is a clear 503
 * {@code storage-full} problem with {@code Retry-After} (never a 500), reads go on, {@code /health}
 * says writes are refused and why, nothing of a refused write is stored, and once space is freed
 * writes work again without a restart of Inflow or of the database.
 *
 * <p>How the disk fills: a private PostgreSQL runs under a file-size limit
 * ({@link FileSizeLimitedPostgres}), and the event table, which every write appends to ("every
 * change, in order"), is filled up to it with rows of another tenant. The next write that needs a
 * new page in it fails as on a full disk ("could not extend file"). Space is freed as an operator
 * would: the filler rows are deleted and the table vacuumed. Runs in the PostgreSQL execution; it
 * needs no server of scripts/postgres.sh, as it brings its own. H2 under the same limit closes its
 * database and loses acknowledged commits; docs/security.md says why it has no such test.
 */
class DiskFullPostgresOnlyTest {
  private static final String API = "/inflow/api/v1";
  /** Above every file of a fresh cluster (catalogs stay below 1 MB, WAL segments are 1 MB). */
  private static final long FILE_SIZE_LIMIT = 6L << 20;
  private static final String FILLER_TENANT = "disk-filler";
  private static final Limits LIMITS = Limits.builder().userWritesPerMinute(10_000).tenantWritesPerMinute(100_000).build();
  private static final String TARGET = "kb/disk-full";

  @Test
  void writesAreRefusedAsStorageFullWhileReadsGoOnNothingIsHalfWrittenAndFreeingSpaceIsEnough() throws Exception {
    String ana = TestTokens.token("ana");
    String lms = TestTokens.token("lms", "service");
    try (FileSizeLimitedPostgres pg = FileSizeLimitedPostgres.start(FILE_SIZE_LIMIT);
        Inflow node = Inflow.builder().jdbcUrl(pg.url()).limits(LIMITS).build();
        TestServer server = TestServer.start(Container.JETTY, InflowServlet.builder(node).tenantKeys(TestTokens.keys()).build())) {
      Http http = new Http(server.baseUrl());
      List<String> acknowledged = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        Http.Response r = http.post(API + "/targets/" + TARGET + "/comments").bearer(ana).json("{\"body\":\"before " + i + "\"}").send();
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        acknowledged.add(r.json().path("id").asText());
      }
      Http.Response question = http.post(API + "/questions").bearer(ana).json("{\"title\":\"Where did the space go?\",\"tags\":[\"ops\"]}").send();
      assertThat(question.status()).as(question.toString()).isEqualTo(201);
      assertThat(activity(http, lms, "before").send().status()).isEqualTo(201);

      fillEventTable(pg);

      String first = acknowledged.get(0);
      String refusedKey = "refused-while-full";
      List<Http.Request> writes = List.of(
          http.post(API + "/targets/" + TARGET + "/comments").bearer(ana).header("Idempotency-Key", refusedKey)
              .json("{\"body\":\"refused while full\"}"),
          http.post(API + "/targets/" + TARGET + "/comments").bearer(TestTokens.token("ben")).json("{\"body\":\"refused reply\",\"parentId\":\"" + first + "\"}"),
          http.patch(API + "/comments/" + first).bearer(ana).header("If-Match", "\"1\"").json("{\"body\":\"refused edit\"}"),
          http.put(API + "/comments/" + first + "/reactions/eyes").bearer(TestTokens.token("ben")),
          http.post(API + "/questions/" + question.json().path("id").asText() + "/answers").bearer(TestTokens.token("ben"))
              .json("{\"body\":\"refused answer\"}"),
          activity(http, lms, "refused"));
      for (Http.Request write : writes) {
        assertStorageFull(write.send());
      }
      assertConcurrentPostsRefused(http);

      JsonNode list = http.get(API + "/targets/" + TARGET + "/comments").bearer(TestTokens.token("reader")).send().json();
      assertThat(list.path("items")).as("reads go on, with exactly the acknowledged comments").extracting(c -> c.path("id").asText())
          .containsExactlyElementsOf(acknowledged);
      assertThat(list.path("items").get(0).path("body").asText()).isEqualTo("before 0");
      assertThat(list.path("items").get(0).path("reactions").size()).isZero();
      assertThat(http.get(API + "/comments/counts?keys=" + TARGET).bearer(TestTokens.token("reader")).send().json()
          .path("counts").path(TARGET).asInt()).isEqualTo(5);
      Http.Response health = http.get("/inflow/health").send();
      assertThat(health.status()).as("still serving reads: " + health).isEqualTo(200);
      assertThat(health.json().path("status").asText()).isEqualTo("degraded");
      assertThat(health.json().path("detail").asText()).contains("no space left", "writes are refused");
      assertThat(health.json().path("writesRefusedSince").asText()).isNotBlank();
      assertNothingHalfWritten(pg, 5, 1);

      // What an operator does: remove what filled the disk and let the database reuse the space.
      pg.execute("DELETE FROM inflow_event WHERE tenant_id = '" + FILLER_TENANT + "'", "VACUUM inflow_event");

      Http.Response retried = http.post(API + "/targets/" + TARGET + "/comments").bearer(ana).header("Idempotency-Key", refusedKey)
          .json("{\"body\":\"refused while full\"}").send();
      assertThat(retried.status()).as("writes work again without a restart: " + retried).isEqualTo(201);
      assertThat(retried.header("Idempotent-Replayed")).as("the refused attempt left no idempotency record").isNull();
      Http.Response edited = http.patch(API + "/comments/" + first).bearer(ana).header("If-Match", "\"1\"").json("{\"body\":\"edited after\"}").send();
      assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
      assertThat(activity(http, lms, "after").send().status()).isEqualTo(201);
      assertThat(http.get("/inflow/health").send().json().path("status").asText()).isEqualTo("up");
      assertThat(http.get(API + "/comments/counts?keys=" + TARGET).bearer(TestTokens.token("reader")).send().json()
          .path("counts").path(TARGET).asInt()).isEqualTo(6);
      assertNothingHalfWritten(pg, 6, 2);
    }
  }

  /**
   * Fills the event table's file up to the limit: rows of 1.5 KB until one does not fit, then
   * rows as small as the table allows until one does not fit, so that no page has room for a real
   * event. Each insert is its own subtransaction, so the one that fails leaves nothing behind.
   */
  private static void fillEventTable(FileSizeLimitedPostgres pg) throws Exception {
    pg.execute("""
        DO $$
        DECLARE
          failure TEXT;
          size INT;
        BEGIN
          FOREACH size IN ARRAY ARRAY[1500, 0] LOOP
            failure := NULL;
            WHILE failure IS NULL LOOP
              BEGIN
                INSERT INTO inflow_event (tenant_id, topic, kind, payload, created_at)
                VALUES ('%s', 'filler', 'filler', repeat('x', size), now());
              EXCEPTION WHEN OTHERS THEN
                failure := SQLERRM;
              END;
            END LOOP;
            IF failure NOT LIKE 'could not extend file%%' THEN
              RAISE EXCEPTION 'filling stopped for another reason: %%', failure;
            END IF;
          END LOOP;
        END
        $$""".formatted(FILLER_TENANT));
    assertThat(pg.queryLong("SELECT pg_relation_size('inflow_event')")).as("the event table is as large as the limit allows")
        .isEqualTo(FILE_SIZE_LIMIT);
  }

  private static void assertConcurrentPostsRefused(Http http) throws Exception {
    ExecutorService writers = Executors.newFixedThreadPool(4);
    try {
      List<Future<Http.Response>> posts = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        String body = "{\"body\":\"refused concurrent " + i + "\"}";
        String token = TestTokens.token("writer" + (i % 4));
        posts.add(writers.submit(() -> http.post(API + "/targets/" + TARGET + "/comments").bearer(token).json(body).send()));
      }
      Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
      for (Future<Http.Response> post : posts) {
        Http.Response r = post.get(1, TimeUnit.MINUTES);
        statuses.merge(r.status(), 1, Integer::sum);
        assertStorageFull(r);
      }
      assertThat(statuses).containsExactly(Map.entry(503, 16));
    } finally {
      writers.shutdownNow();
    }
  }

  private static void assertStorageFull(Http.Response r) {
    assertThat(r.status()).as(r.toString()).isEqualTo(503);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(r.header("Retry-After")).isNotBlank();
    JsonNode problem = r.json();
    assertThat(problem.path("type").asText()).isEqualTo("https://inflow.dev/problems/storage-full");
    assertThat(problem.path("detail").asText()).as("says what is wrong, not a stack trace")
        .contains("no space left").doesNotContain("Exception", "at dev.", "base/");
  }

  /** Rows, counts and the idempotency record agree with what was acknowledged, straight from the database. */
  private static void assertNothingHalfWritten(FileSizeLimitedPostgres pg, int comments, int activities) throws Exception {
    assertThat(pg.queryLong("SELECT COUNT(*) FROM inflow_comment WHERE target_key = '" + TARGET + "'")).isEqualTo(comments);
    assertThat(pg.queryLong("SELECT COUNT(*) FROM inflow_comment WHERE body LIKE 'refused%' AND body <> 'refused while full'"))
        .as("no row of a refused write").isZero();
    assertThat(pg.queryLong("SELECT COUNT(*) FROM inflow_comment_reaction")).isZero();
    assertThat(pg.queryLong("SELECT COUNT(*) FROM inflow_answer")).isZero();
    assertThat(pg.queryLong("SELECT COUNT(*) FROM inflow_question")).isEqualTo(1);
    assertThat(pg.queryLong("SELECT COUNT(*) FROM inflow_comment_revision")).isEqualTo(comments == 5 ? 0 : 1);
    assertThat(pg.queryLong("SELECT COUNT(*) FROM inflow_activity WHERE object_id LIKE 'course:%'")).isEqualTo(activities);
    assertThat(pg.queryLong("SELECT COALESCE(MAX(reply_count), 0) FROM inflow_comment")).as("no reply counted for a refused reply").isZero();
  }

  private static Http.Request activity(Http http, String token, String course) {
    return http.post(API + "/activities").bearer(token)
        .json("{\"verb\":\"completed\",\"actor\":\"ana\",\"object\":{\"id\":\"course:" + course + "\",\"name\":\"Ops " + course + "\"}}");
  }
}
