package dev.inflow.benchmarks.load;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * An open-loop load generator: request {@code i} is due at {@code start + i / rate}, whether or not
 * earlier answers have arrived, and its latency is measured from that due time, not from when it
 * could actually be sent. A server that stalls for a second therefore shows a second of latency on
 * every request that should have gone out meanwhile, instead of one slow request hidden among
 * requests that were never sent (coordinated omission). Latencies go into an HdrHistogram.
 */
public final class OpenLoop {
  /** Upper bound on requests in flight, so a dead server cannot make the generator run out of memory. */
  private static final int MAX_IN_FLIGHT = 2_000;

  /**
   * What one run saw.
   *
   * @param rate the requests per second asked for
   * @param sent requests sent
   * @param failed answers that were not 2xx, or no answer at all
   * @param latencyMicros latencies of the successful requests from their due time, in microseconds
   */
  public record Result(double rate, long sent, long failed, Histogram latencyMicros) {
    /** @return the latency at the percentile (0-100), in milliseconds */
    public double millis(double percentile) {
      return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }
  }

  private OpenLoop() {}

  /**
   * Sends {@code rate × duration} requests on schedule and waits (up to 30 s) for the answers.
   *
   * @param requests builds request number {@code i}; called on the scheduling thread
   */
  public static Result run(HttpClient client, LongFunction<HttpRequest> requests, double rate, Duration duration)
      throws InterruptedException {
    long count = Math.max(1, Math.round(rate * duration.toMillis() / 1000.0));
    double intervalNanos = 1e9 / rate;
    Histogram histogram = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(60), 3);
    AtomicLong failed = new AtomicLong();
    Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    long start = System.nanoTime() + 10_000_000;
    for (long i = 0; i < count; i++) {
      long due = start + (long) (i * intervalNanos);
      long wait;
      while ((wait = due - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      HttpRequest request = requests.apply(i);
      inFlight.acquire();
      client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
        long micros = (System.nanoTime() - due) / 1000;
        if (error == null && response.statusCode() / 100 == 2) {
          histogram.recordValue(Math.min(micros, histogram.getHighestTrackableValue()));
        } else {
          failed.incrementAndGet();
        }
        inFlight.release();
      });
    }
    if (!inFlight.tryAcquire(MAX_IN_FLIGHT, 30, TimeUnit.SECONDS)) {
      failed.addAndGet(MAX_IN_FLIGHT - inFlight.availablePermits());
    } else {
      inFlight.release(MAX_IN_FLIGHT);
    }
    return new Result(rate, count, failed.get(), histogram);
  }

  /** @return an HTTP/1.1 client with keep-alive, as browsers and wrk use */
  public static HttpClient client() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  }
}
