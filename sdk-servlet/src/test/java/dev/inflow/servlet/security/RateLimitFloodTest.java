package dev.inflow.servlet.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inflow.core.Limits;
import dev.inflow.servlet.testing.Http;
import dev.inflow.servlet.testing.TestTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Floods from many threads at once: one user cannot write more than their bucket, many users
 * together cannot write more than the tenant's, and every refusal is a 429 problem with a
 * {@code Retry-After} a client can honour. Other tenants are unaffected.
 */
class RateLimitFloodTest extends SecurityContract {
  private static final int USER_WRITES = 30;
  private static final int TENANT_WRITES = 120;

  @Override
  Limits limits() {
    return Limits.builder().userWritesPerMinute(USER_WRITES).tenantWritesPerMinute(TENANT_WRITES)
        .userReadsPerMinute(10_000).tenantReadsPerMinute(100_000).build();
  }

  private long floodMillis;

  /** Runs the requests from 24 threads at once; returns the answers. */
  private List<Http.Response> flood(List<Http.Request> requests) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(24);
    long started = System.nanoTime();
    try {
      List<Future<Http.Response>> futures = new ArrayList<>();
      for (Http.Request request : requests) {
        futures.add(pool.submit(request::send));
      }
      List<Http.Response> out = new ArrayList<>();
      for (Future<Http.Response> f : futures) {
        out.add(f.get(60, TimeUnit.SECONDS));
      }
      floodMillis = (System.nanoTime() - started) / 1_000_000;
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /** @return how many tokens a bucket of {@code perMinute} regained while the last flood ran */
  private long refill(int perMinute) {
    return perMinute * floodMillis / 60_000 + 1;
  }

  private static void assertOnlyCreatedOrLimited(List<Http.Response> answers) {
    for (Http.Response r : answers) {
      assertThat(r.status()).as(r.toString()).isIn(201, 429);
      if (r.status() == 429) {
        assertProblem(r, 429);
        assertThat(Integer.parseInt(r.header("Retry-After"))).as("Retry-After").isBetween(1, 60);
      }
    }
  }

  @Test
  void oneUserFloodingGetsNoMoreThanTheirBucket() throws Exception {
    String target = unique("flood:");
    Http http = http();
    String token = TestTokens.acmeToken("flooder"); // tenant acme: the other test drains tenant default
    List<Http.Request> requests = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      requests.add(http.post(API + "/targets/" + target + "/comments").bearer(token).json("{\"body\":\"spam " + i + "\"}"));
    }
    List<Http.Response> answers = flood(requests);
    assertOnlyCreatedOrLimited(answers);
    long created = answers.stream().filter(r -> r.status() == 201).count();
    // The bucket holds USER_WRITES and refills at USER_WRITES a minute while the flood lasts.
    assertThat(created).isBetween((long) USER_WRITES - 2, USER_WRITES + refill(USER_WRITES) + 2);
    assertThat(http().get(API + "/targets/" + target + "/comments?limit=100").bearer(TestTokens.acmeToken("reader")).send().json()
        .path("items").size()).isEqualTo((int) created);
    assertThat(http().post(API + "/targets/" + target + "/comments").bearer(TestTokens.acmeToken("other")).json("{\"body\":\"not me\"}")
        .send().status()).as("another user of the same tenant").isEqualTo(201);
  }

  @Test
  void manyUsersFloodingTogetherGetNoMoreThanTheTenantsBucket() throws Exception {
    String target = unique("flood:");
    Http http = http();
    List<Http.Request> requests = new ArrayList<>();
    ConcurrentLinkedQueue<String> users = new ConcurrentLinkedQueue<>();
    for (int u = 0; u < 20; u++) {
      String token = TestTokens.token("bot" + u);
      users.add("bot" + u);
      for (int i = 0; i < 20; i++) {
        requests.add(http.post(API + "/targets/" + target + "/comments").bearer(token).json("{\"body\":\"bot " + u + "/" + i + "\"}"));
      }
    }
    List<Http.Response> answers = flood(requests);
    assertOnlyCreatedOrLimited(answers);
    long created = answers.stream().filter(r -> r.status() == 201).count();
    // 20 users x 20 posts each stay under their own bucket of 30; the tenant's bucket of 120 (less what
    // the other test used) is the limit.
    assertThat(created).isLessThanOrEqualTo(TENANT_WRITES + refill(TENANT_WRITES) + 2);
    assertThat(answers.stream().filter(r -> r.status() == 429).count()).isGreaterThanOrEqualTo(400 - TENANT_WRITES - refill(TENANT_WRITES) - 2);
    assertThat(users).hasSize(20);
    assertThat(http().post(API + "/targets/" + target + "/comments").bearer(TestTokens.acmeToken("bystander")).json("{\"body\":\"acme\"}")
        .send().status()).as("another tenant is unaffected").isEqualTo(201);
  }
}
