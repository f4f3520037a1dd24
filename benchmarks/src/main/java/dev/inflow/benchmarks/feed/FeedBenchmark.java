package dev.inflow.benchmarks.feed;

import dev.inflow.core.Caller;
import dev.inflow.core.Inflow;
import dev.inflow.core.Limits;
import dev.inflow.core.PageRequest;
import dev.inflow.core.Role;
import dev.inflow.core.User;
import dev.inflow.core.feed.FeedSettings;
import dev.inflow.core.feed.Feeds;
import dev.inflow.core.feed.NewActivity;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * Measures the home feed at 1M activities and 10k users, and posting by an author with 5k
 * followers, in-process through the core API, on the database given as the first argument (a JDBC
 * URL of an empty database, or one an earlier run loaded); the second argument is the number of
 * activities (default 1M). Run it with {@code benchmarks/feed.sh}; it prints one line per figure.
 *
 * <p>The data is {@link FeedData} (the harness's feed scenario loads the same set into its server):
 * 10k users with people, target and topic follows, Zipf-distributed activities over 90 days, and
 * every home feed holding the newest 1,000 activities that reach it through people and topics.
 * One user ({@code u0}) has exactly 5,000 followers, and one ({@code u2}) follows 4,950 targets,
 * the bound of the target part of the home read.
 *
 * <p>Latencies are taken in the same run, interleaved: a primary-key read of one activity (the
 * baseline) and a first page of 20 of a random user's home feed through {@link Feeds#home}, which
 * includes folding, access checks and names. The same page built by fan-out on read (one query
 * over the activities of everything the user follows) is measured for comparison.
 */
public final class FeedBenchmark {
  static final int USERS = 10_000;
  static final int ACTIVITIES = 1_000_000;
  private static final Caller SERVICE = Caller.of("default", User.builder("lms").name("LMS").roles(Role.SERVICE).build());

  private final Random random = new Random(43);
  private final int users;
  private final FeedData data;

  private FeedBenchmark(int users, int activities) {
    if (users <= FeedData.MAX_CELEBRITY_FOLLOWERS) {
      throw new IllegalArgumentException("users must be more than " + FeedData.MAX_CELEBRITY_FOLLOWERS + " (the celebrity's followers), got "
          + users);
    }
    this.users = users;
    this.data = new FeedData(users, activities, FeedData.DEPTH, 42);
  }

  /**
   * Arguments: JDBC URL, activities (default 1M), users (default 10k; a smaller machine may take
   * fewer), and {@code no-inline} to skip posting with the whole fan-out inside the post (minutes on H2).
   */
  public static void main(String[] args) throws Exception {
    String url = args[0];
    int activities = args.length > 1 ? Integer.parseInt(args[1]) : ACTIVITIES;
    int users = args.length > 2 ? Integer.parseInt(args[2]) : USERS;
    boolean inline = args.length <= 3 || !args[3].equals("no-inline");
    new FeedBenchmark(users, activities).run(url, activities, inline);
  }

  private static Inflow open(String url, FeedSettings settings) {
    return Inflow.builder().jdbcUrl(url).runBackgroundJobs(false).maxPoolSize(4).feeds(settings)
        .limits(Limits.builder().userWritesPerMinute(1_000_000).tenantWritesPerMinute(1_000_000).userReadsPerMinute(1_000_000)
            .tenantReadsPerMinute(10_000_000).build())
        .build();
  }

  private void run(String url, int requested, boolean inlineRun) throws Exception {
    int activities = requested;
    System.out.printf(Locale.ROOT, "database %s, %d activities, %d users%n", url.replaceAll("\\?.*", ""), activities, users);
    try (Inflow inflow = open(url, FeedSettings.defaults())) {
      long started = System.nanoTime();
      long existing = inflow.platform().db().read(sql -> sql.count("SELECT COUNT(*) FROM inflow_activity"));
      if (existing == 0) {
        try (Connection c = inflow.platform().db().dataSource().getConnection()) {
          data.create(c);
          long entries = data.growTo(c, activities);
          System.out.printf(Locale.ROOT, "home feed entries %d (%.0f per user)%n", entries, entries / (double) users);
        }
        System.out.printf(Locale.ROOT, "loaded in %d s%n", Duration.ofNanos(System.nanoTime() - started).toSeconds());
      } else {
        activities = (int) existing;
        data.readFollows(inflow.platform().db().read(sql -> sql.list("SELECT user_id, kind, followed FROM inflow_follow",
            row -> new String[] {row.string("user_id"), row.string("kind"), row.string("followed")})), activities);
        System.out.printf(Locale.ROOT, "reusing %d activities already loaded%n", existing);
      }
      reads(inflow, activities);
      posting(inflow, "deferred fan-out (inline limit 200)");
    }
    if (inlineRun) {
      try (Inflow inline = open(url, FeedSettings.builder().inlineFanOutLimit(1_000_000).build())) {
        posting(inline, "inline fan-out (no limit)");
      }
    }
  }

  // ---- measurements ----

  private void reads(Inflow inflow, int activities) {
    var db = inflow.platform().db();
    LongSupplier pk = () -> {
      long id = 1 + random.nextInt(activities);
      long t = System.nanoTime();
      db.read(sql -> sql.one("SELECT id, actor_id, verb, object_id, object_name, target_key, published FROM inflow_activity"
          + " WHERE tenant_id = ? AND id = ?", row -> row.longValue("id"), "default", id));
      return System.nanoTime() - t;
    };
    LongSupplier home = () -> {
      Caller caller = Caller.of("default", User.of(FeedData.user(random.nextInt(users)), "Reader"));
      long t = System.nanoTime();
      inflow.feeds().home(caller, PageRequest.first(20));
      return System.nanoTime() - t;
    };
    LongSupplier homeOnRead = () -> {
      int u = random.nextInt(users);
      long t = System.nanoTime();
      db.read(sql -> sql.list(onReadQuery(u), row -> row.longValue("id"), onReadParams(u)));
      return System.nanoTime() - t;
    };
    for (int i = 0; i < 3_000; i++) {
      pk.getAsLong();
      home.getAsLong();
    }
    int samples = 10_000;
    long[] pks = new long[samples];
    long[] homes = new long[samples];
    for (int i = 0; i < samples; i++) {
      pks[i] = pk.getAsLong();
      homes[i] = home.getAsLong();
    }
    report("primary-key read", pks);
    report("home feed page (mixed: inbox + followed targets)", homes);
    System.out.printf(Locale.ROOT, "ratio p99 home / p99 primary key = %.1f, p50 ratio = %.1f%n",
        percentile(homes, 99) / (double) percentile(pks, 99), percentile(homes, 50) / (double) percentile(pks, 50));
    Caller heavy = Caller.of("default", User.of(FeedData.HEAVY_READER_NAME, "Heavy reader"));
    LongSupplier heavyHome = () -> {
      long t = System.nanoTime();
      inflow.feeds().home(heavy, PageRequest.first(20));
      return System.nanoTime() - t;
    };
    for (int i = 0; i < 20; i++) {
      heavyHome.getAsLong();
    }
    long[] heavies = new long[300];
    long[] heavyPks = new long[heavies.length];
    for (int i = 0; i < heavies.length; i++) {
      heavyPks[i] = pk.getAsLong();
      heavies[i] = heavyHome.getAsLong();
    }
    report("home feed page of a reader following " + FeedData.HEAVY_READER_TARGETS + " targets", heavies);
    System.out.printf(Locale.ROOT, "ratio p99 heavy reader's home / p99 primary key = %.1f%n",
        percentile(heavies, 99) / (double) percentile(heavyPks, 99));
    // Fan-out on read is orders of magnitude slower here: a few samples, within a minute, make the point.
    homeOnRead.getAsLong();
    List<Long> onRead = new ArrayList<>();
    long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (onRead.size() < 200 && System.nanoTime() < until) {
      onRead.add(homeOnRead.getAsLong());
    }
    report("home feed page (fan-out on read, one query over follows)", onRead.stream().mapToLong(Long::longValue).toArray());
  }

  private String onReadQuery(int u) {
    return "SELECT a.id FROM inflow_activity a WHERE a.tenant_id = ? AND a.withdrawn = FALSE AND (a.actor_id IN ("
        + "?,".repeat(data.followedUsers(u).length) + "?) OR a.target_key IN (" + "?,".repeat(data.followedTargets(u).length - 1) + "?)"
        + " OR a.id IN (SELECT t.activity_id FROM inflow_activity_tag t WHERE t.tenant_id = ? AND t.tag IN ("
        + "?,".repeat(data.followedTopics(u).length - 1) + "?))) ORDER BY a.id DESC LIMIT 41";
  }

  private Object[] onReadParams(int u) {
    List<Object> params = new ArrayList<>();
    params.add("default");
    params.add(FeedData.user(u));
    for (int v : data.followedUsers(u)) {
      params.add(FeedData.user(v));
    }
    for (int t : data.followedTargets(u)) {
      params.add("order:" + t);
    }
    params.add("default");
    for (int t : data.followedTopics(u)) {
      params.add("topic-" + t);
    }
    return params.toArray();
  }

  private void posting(Inflow inflow, String label) {
    int posts = 200;
    long[] celebrity = new long[posts];
    long[] ordinary = new long[posts];
    for (int i = 0; i < posts; i++) {
      celebrity[i] = post(inflow, FeedData.user(0), i);
      ordinary[i] = post(inflow, FeedData.user(users - 1 - i), i);
    }
    report("post by the 5k-follower author, " + label, celebrity);
    report("post by an ordinary author, " + label, ordinary);
    long total = Arrays.stream(celebrity).sum();
    System.out.printf(Locale.ROOT, "posting rate of the 5k-follower author, %s: %.0f posts/s (one thread)%n", label,
        posts / (total / 1e9));
    long started = System.nanoTime();
    int jobs = 0;
    // At most a minute: on a loaded machine H2 takes several to write 200 × 5k entries, and the rate is the figure.
    long until = started + Duration.ofSeconds(60).toNanos();
    for (int n; System.nanoTime() < until && (n = inflow.platform().jobs().runDue()) > 0; ) {
      jobs += n;
    }
    long took = System.nanoTime() - started;
    if (jobs > 0) {
      System.out.printf(Locale.ROOT, "background fan-out: %d jobs in %.1f s, %.0f home feed entries/s%n", jobs, took / 1e9,
          jobs * (double) FeedData.MAX_CELEBRITY_FOLLOWERS / (took / 1e9));
    }
  }

  private long post(Inflow inflow, String actor, int i) {
    NewActivity activity = NewActivity.builder("completed", "course:bench-" + i, "Bench course " + i)
        .actor(actor, null).target("order:" + random.nextInt(FeedData.TARGETS), null, null).xapi(false).build();
    long t = System.nanoTime();
    inflow.feeds().publish(SERVICE, activity, Optional.empty());
    return System.nanoTime() - t;
  }

  private static long percentile(long[] samples, double p) {
    long[] sorted = samples.clone();
    Arrays.sort(sorted);
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)];
  }

  private static void report(String what, long[] samples) {
    System.out.printf(Locale.ROOT, "%-70s p50 %7.3f ms  p99 %7.3f ms  max %7.3f ms  (n=%d)%n", what, percentile(samples, 50) / 1e6,
        percentile(samples, 99) / 1e6, percentile(samples, 100) / 1e6, samples.length);
  }
}
