package dev.inflow.servlet.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inflow.core.Caller;
import dev.inflow.core.User;
import dev.inflow.core.comment.NewComment;
import dev.inflow.servlet.testing.Http;
import dev.inflow.servlet.testing.TestTokens;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Ten thousand comments posted from 32 threads at once, through the in-process API and again over
 * HTTP, a tenth of them sent a second time with the
 * same {@code Idempotency-Key} (often while the first is still being written, as a client retrying
 * after a timeout would): exactly ten thousand comments exist afterwards, and every resend was
 * answered with the comment its first send made.
 */
class ConcurrentPostsTest extends SecurityContract {
  private static final int POSTS = 10_000;
  /** Signed once: signing is the client's cost, not the server's, and would dominate the run. */
  private static final List<String> TOKENS = java.util.stream.IntStream.range(0, 50).mapToObj(i -> TestTokens.token("writer" + i)).toList();
  private static final System.Logger LOG = System.getLogger(ConcurrentPostsTest.class.getName());

  @Test
  void tenThousandConcurrentCreatesWithResendsMakeExactlyTenThousandComments() throws Exception {
    String target = unique("core:");
    Map<Integer, String> firstIds = new ConcurrentHashMap<>();
    Map<Integer, String> resentIds = new ConcurrentHashMap<>();
    AtomicInteger replays = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(32);
    long started = System.nanoTime();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < POSTS; i++) {
        int n = i;
        futures.add(pool.submit(() -> firstIds.put(n, create(target, n, replays))));
        if (n % 10 == 0) {
          futures.add(pool.submit(() -> resentIds.put(n, create(target, n, replays))));
        }
      }
      for (Future<?> f : futures) {
        f.get(5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    LOG.log(System.Logger.Level.INFO, "in-process: {0} creates + {1} resends in {2} ms ({3}/s) on {4}; {5} answered as replays",
        POSTS, resentIds.size(), millis, (POSTS + resentIds.size()) * 1000L / Math.max(1, millis),
        System.getProperty("inflow.test.db", "h2"), replays.get());
    assertThat(new HashSet<>(firstIds.values())).hasSize(POSTS);
    resentIds.forEach((n, id) -> assertThat(id).as("resend of %d", n).isEqualTo(firstIds.get(n)));
    assertThat(replays.get()).isEqualTo(POSTS / 10);
    assertThat(listAll(http(), target)).hasSize(POSTS).isEqualTo(new HashSet<>(firstIds.values()));
  }

  private String create(String target, int n, AtomicInteger replays) {
    for (int attempt = 0; ; attempt++) {
      try {
        var created = inflow.comments().create(Caller.of("default", User.of("writer" + (n % 50), "Writer")), target,
            NewComment.of("comment " + n), Optional.of("core-" + target + "-" + n));
        if (created.replayed()) {
          replays.incrementAndGet();
        }
        return created.value().id();
      } catch (dev.inflow.core.ConflictException e) {
        // the twin with the same key is still being written; a client retries, as here
        if (attempt > 100) {
          throw e;
        }
        Thread.onSpinWait();
      } catch (dev.inflow.core.StorageUnavailableException e) {
        // 32 writers on a pool of 20 connections: on a busy machine a wait for a connection can time
        // out (a 503 over HTTP). A client retries with the same key, which is what keys are for.
        if (attempt > 20) {
          throw e;
        }
        sleep(50L * (attempt + 1));
      }
    }
  }

  private static Set<String> listAll(Http http, String target) {
    Set<String> listed = new HashSet<>();
    String cursor = "";
    String reader = TestTokens.token("reader");
    do {
      JsonNode page = ok(http.get(API + "/targets/" + target + "/comments?limit=100&sort=oldest" + cursor).bearer(reader));
      page.path("items").forEach(c -> listed.add(c.path("id").asText()));
      cursor = page.path("next").isTextual() ? "&cursor=" + page.path("next").asText() : null;
    } while (cursor != null);
    return listed;
  }

  @Test
  void tenThousandConcurrentHttpPostsWithResendsMakeExactlyTenThousandComments() throws Exception {
    int posts = POSTS;
    String target = unique("load:");
    String run = unique("");
    Http http = http();
    Map<Integer, String> firstIds = new ConcurrentHashMap<>();
    Map<Integer, String> resentIds = new ConcurrentHashMap<>();
    AtomicInteger conflicts = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(32);
    long started = System.nanoTime();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < posts; i++) {
        int n = i;
        futures.add(pool.submit(() -> firstIds.put(n, post(http, target, run, n, conflicts))));
        if (n % 10 == 0) {
          futures.add(pool.submit(() -> resentIds.put(n, post(http, target, run, n, conflicts))));
        }
      }
      for (Future<?> f : futures) {
        f.get(5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    LOG.log(System.Logger.Level.INFO, "HTTP: {0} posts + {1} resends in {2} ms ({3}/s) on {4}; {5} resends met the first still running",
        posts, resentIds.size(), millis, (posts + resentIds.size()) * 1000L / Math.max(1, millis),
        System.getProperty("inflow.test.db", "h2"), conflicts.get());

    assertThat(new HashSet<>(firstIds.values())).hasSize(posts);
    resentIds.forEach((n, id) -> assertThat(id).as("resend of %d", n).isEqualTo(firstIds.get(n)));
    assertThat(listAll(http, target)).hasSize(posts).isEqualTo(new HashSet<>(firstIds.values()));
  }

  /** Posts comment n with its own key, retrying while a twin request with the same key is still running. */
  private static String post(Http http, String target, String run, int n, AtomicInteger conflicts) {
    String token = TOKENS.get(n % TOKENS.size());
    for (int attempt = 0; attempt < 50; attempt++) {
      Http.Response r = http.post(API + "/targets/" + target + "/comments").bearer(token).header("Idempotency-Key", run + "-" + n)
          .json("{\"body\":\"comment " + n + "\"}").send();
      if (r.status() == 201 || r.status() == 200) {
        return r.json().path("id").asText();
      }
      assertThat(r.status()).as(r.toString()).isEqualTo(409);
      conflicts.incrementAndGet();
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("comment " + n + " never got an answer other than 409");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
