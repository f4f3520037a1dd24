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
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.LongSupplier;
import javax.sql.DataSource;

/**
 * Measures the home feed at 1M activities and 10k users, and posting by an author with 5k
 * followers, in-process through the core API, on the database given as the first argument (a JDBC
 * URL of an empty database, or one an earlier run loaded); the second argument is the number of
 * activities (default 1M). Run it with {@code benchmarks/feed.sh}; it prints one line per figure.
 *
 * <p>The data is written with plain JDBC batches, shaped like the mixed fan-out would leave it:
 * each user follows 20 people (popular ones more often, Zipf), 3 of 5,000 targets and 2 of 100
 * topics; 1M activities by Zipf-distributed actors over 90 days, 30% with a topic; every home feed
 * holds the newest 1,000 activities that reach it through people and topics (the default depth;
 * followed targets are read at request time). One user ({@code u00000}) has exactly 5,000
 * followers, and one ({@value #HEAVY_READER_NAME}) follows {@value #HEAVY_READER_TARGETS} targets,
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
  static final int TARGETS = 5_000;
  static final int TOPICS = 100;
  static final int FOLLOWS_USERS = 20;
  static final int FOLLOWS_TARGETS = 3;
  static final int FOLLOWS_TOPICS = 2;
  static final int CELEBRITY_FOLLOWERS = 5_000;
  static final int DEPTH = 1_000;
  /** A reader following nearly as many targets as anyone may ({@code DefaultFollows.MAX_FOLLOWS} is 5,000 follows in all). */
  static final int HEAVY_READER = 2;
  static final String HEAVY_READER_NAME = "u00002";
  static final int HEAVY_READER_TARGETS = 4_950;
  private static final Caller SERVICE = Caller.of("default", User.builder("lms").name("LMS").roles(Role.SERVICE).build());

  private final Random random = new Random(42);
  private final int users;
  private final int[][] followedUsers;
  private final int[][] followedTargets;
  private final int[][] followedTopics;

  private FeedBenchmark(int users) {
    if (users <= CELEBRITY_FOLLOWERS) {
      throw new IllegalArgumentException("users must be more than " + CELEBRITY_FOLLOWERS + " (the celebrity's followers), got " + users);
    }
    this.users = users;
    this.followedUsers = new int[users][];
    this.followedTargets = new int[users][];
    this.followedTopics = new int[users][];
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
    new FeedBenchmark(users).run(url, activities, inline);
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
        load(inflow.platform().db().dataSource(), activities);
        System.out.printf(Locale.ROOT, "loaded in %d s%n", Duration.ofNanos(System.nanoTime() - started).toSeconds());
      } else {
        activities = (int) existing;
        readFollows(inflow);
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

  // ---- data ----

  /** Zipf weights with exponent 0.7 over n ranks: a few popular people and targets, a long tail. */
  private final java.util.Map<Integer, double[]> cdfs = new java.util.HashMap<>();

  /** @return an index in [0, n), index 0 the most likely */
  private int zipf(int n) {
    double[] cdf = cdfs.computeIfAbsent(n, size -> {
      double[] c = new double[size];
      double sum = 0;
      for (int k = 0; k < size; k++) {
        sum += Math.pow(k + 1, -0.7);
        c[k] = sum;
      }
      for (int k = 0; k < size; k++) {
        c[k] /= sum;
      }
      return c;
    });
    int i = Arrays.binarySearch(cdf, random.nextDouble());
    return Math.min(n - 1, i < 0 ? -i - 1 : i);
  }

  private void load(DataSource ds, int activities) throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      Instant now = Instant.now();
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO inflow_user (tenant_id, id, name, avatar_url, roles, expertise, first_seen,"
          + " last_seen) VALUES ('default', ?, ?, NULL, '', '', ?, ?)")) {
        for (int u = 0; u < users; u++) {
          ps.setString(1, user(u));
          ps.setString(2, "User " + u);
          ps.setObject(3, now.atOffset(ZoneOffset.UTC));
          ps.setObject(4, now.atOffset(ZoneOffset.UTC));
          ps.addBatch();
        }
        ps.executeBatch();
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO inflow_target (tenant_id, target_key, title, url, created_at, updated_at)"
          + " VALUES ('default', ?, ?, ?, ?, ?)")) {
        for (int t = 0; t < TARGETS; t++) {
          ps.setString(1, "order:" + t);
          ps.setString(2, "Order " + t);
          ps.setString(3, "https://erp.example/orders/" + t);
          ps.setObject(4, now.atOffset(ZoneOffset.UTC));
          ps.setObject(5, now.atOffset(ZoneOffset.UTC));
          ps.addBatch();
        }
        ps.executeBatch();
      }
      c.commit();
      follows(c, now);
      List<List<Integer>> followers = followersOfUsers();
      List<List<Integer>> topicFollowers = followersOf(followedTopics, TOPICS);
      long[][] inbox = new long[users][DEPTH];
      int[] inboxSize = new int[users];
      int[] inboxNext = new int[users];
      Instant first = now.minus(Duration.ofDays(90));
      long step = Duration.ofDays(90).toMillis() / activities;
      String[] verbs = {"commented", "commented", "commented", "commented", "commented", "commented", "commented", "liked", "liked", "completed"};
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO inflow_activity (tenant_id, id, actor_id, actor_name, verb, object_id,"
          + " object_type, object_name, object_url, target_key, access_key, group_key, tags, withdrawn, published)"
          + " VALUES ('default', ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, FALSE, ?)");
          PreparedStatement tag = c.prepareStatement("INSERT INTO inflow_activity_tag (tenant_id, tag, activity_id) VALUES ('default', ?, ?)")) {
        Set<Integer> audience = new HashSet<>();
        for (int i = 1; i <= activities; i++) {
          int actor = zipf(users);
          int target = zipf(TARGETS);
          int topic = random.nextDouble() < 0.3 ? random.nextInt(TOPICS) : -1;
          String verb = verbs[random.nextInt(verbs.length)];
          ps.setLong(1, i);
          ps.setString(2, user(actor));
          ps.setString(3, "User " + actor);
          ps.setString(4, verb);
          ps.setString(5, verb.equals("completed") ? "course:" + target : "comment:" + i);
          ps.setString(6, verb.equals("completed") ? "course" : "comment");
          ps.setString(7, "Text of activity " + i + ", long enough to look like the first words of a comment");
          ps.setString(8, "order:" + target);
          ps.setString(9, "order:" + target);
          ps.setString(10, verb + "|order:" + target);
          ps.setString(11, topic < 0 ? "" : "topic-" + topic);
          ps.setObject(12, first.plusMillis(i * step).atOffset(ZoneOffset.UTC));
          ps.addBatch();
          if (topic >= 0) {
            tag.setString(1, "topic-" + topic);
            tag.setLong(2, i);
            tag.addBatch();
          }
          audience.clear();
          audience.add(actor);
          audience.addAll(followers.get(actor));
          if (topic >= 0) {
            audience.addAll(topicFollowers.get(topic));
          }
          for (int reader : audience) {
            inbox[reader][inboxNext[reader]] = i;
            inboxNext[reader] = (inboxNext[reader] + 1) % DEPTH;
            inboxSize[reader] = Math.min(DEPTH, inboxSize[reader] + 1);
          }
          if (i % 5_000 == 0) {
            ps.executeBatch();
            tag.executeBatch();
            c.commit();
          }
        }
        ps.executeBatch();
        tag.executeBatch();
        c.commit();
      }
      long entries = 0;
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO inflow_feed_entry (tenant_id, user_id, activity_id) VALUES ('default', ?, ?)")) {
        for (int u = 0; u < users; u++) {
          long[] ids = Arrays.copyOf(inbox[u], inboxSize[u]);
          Arrays.sort(ids);
          for (long id : ids) {
            ps.setString(1, user(u));
            ps.setLong(2, id);
            ps.addBatch();
            entries++;
          }
          if (u % 20 == 19) {
            ps.executeBatch();
            c.commit();
          }
          if (u % 1_000 == 999) {
            System.out.printf(Locale.ROOT, "home feeds written for %d users%n", u + 1);
          }
        }
        ps.executeBatch();
        c.commit();
      }
      try (Statement s = c.createStatement()) {
        String restart = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("h2")
            ? "ALTER SEQUENCE inflow_activity_seq RESTART WITH " + (activities + 1)
            : "SELECT setval('inflow_activity_seq', " + activities + ")";
        s.execute(restart);
        s.execute("ANALYZE");
      }
      c.commit();
      System.out.printf(Locale.ROOT, "home feed entries %d (%.0f per user)%n", entries, entries / (double) users);
    }
  }

  /** Reads the follow graph of a database loaded by an earlier run. */
  private void readFollows(Inflow inflow) {
    List<List<Integer>> people = new ArrayList<>();
    List<List<Integer>> targets = new ArrayList<>();
    List<List<Integer>> topics = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      people.add(new ArrayList<>());
      targets.add(new ArrayList<>());
      topics.add(new ArrayList<>());
    }
    inflow.platform().db().read(sql -> sql.list("SELECT user_id, kind, followed FROM inflow_follow", row -> {
      int u = Integer.parseInt(row.string("user_id").substring(1));
      String followed = row.string("followed");
      switch (row.string("kind")) {
        case "user" -> people.get(u).add(Integer.parseInt(followed.substring(1)));
        case "target" -> targets.get(u).add(Integer.parseInt(followed.substring("order:".length())));
        default -> topics.get(u).add(Integer.parseInt(followed.substring("topic-".length())));
      }
      return null;
    }));
    for (int u = 0; u < users; u++) {
      followedUsers[u] = people.get(u).stream().mapToInt(Integer::intValue).toArray();
      followedTargets[u] = targets.get(u).stream().mapToInt(Integer::intValue).toArray();
      followedTopics[u] = topics.get(u).stream().mapToInt(Integer::intValue).toArray();
    }
  }

  private void follows(Connection c, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO inflow_follow (tenant_id, user_id, kind, followed, auto, created_at)"
        + " VALUES ('default', ?, ?, ?, FALSE, ?)")) {
      for (int u = 0; u < users; u++) {
        Set<Integer> people = new HashSet<>();
        if (u >= 1 && u <= CELEBRITY_FOLLOWERS) {
          people.add(0);
        }
        while (people.size() < FOLLOWS_USERS) {
          int v = 1 + zipf(users - 1);
          if (v != u) {
            people.add(v);
          }
        }
        Set<Integer> targets = new HashSet<>();
        while (targets.size() < (u == HEAVY_READER ? HEAVY_READER_TARGETS : FOLLOWS_TARGETS)) {
          targets.add(random.nextInt(TARGETS));
        }
        Set<Integer> topics = new HashSet<>();
        while (topics.size() < FOLLOWS_TOPICS) {
          topics.add(random.nextInt(TOPICS));
        }
        followedUsers[u] = people.stream().mapToInt(Integer::intValue).toArray();
        followedTargets[u] = targets.stream().mapToInt(Integer::intValue).toArray();
        followedTopics[u] = topics.stream().mapToInt(Integer::intValue).toArray();
        for (int v : followedUsers[u]) {
          add(ps, u, "user", user(v), now);
        }
        for (int t : followedTargets[u]) {
          add(ps, u, "target", "order:" + t, now);
        }
        for (int t : followedTopics[u]) {
          add(ps, u, "topic", "topic-" + t, now);
        }
        if (u % 500 == 499) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
    }
    c.commit();
  }

  private static void add(PreparedStatement ps, int u, String kind, String followed, Instant now) throws SQLException {
    ps.setString(1, user(u));
    ps.setString(2, kind);
    ps.setString(3, followed);
    ps.setObject(4, now.atOffset(ZoneOffset.UTC));
    ps.addBatch();
  }

  private List<List<Integer>> followersOfUsers() {
    return followersOf(followedUsers, users);
  }

  private static List<List<Integer>> followersOf(int[][] followed, int n) {
    List<List<Integer>> followers = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      followers.add(new ArrayList<>());
    }
    for (int u = 0; u < followed.length; u++) {
      for (int v : followed[u]) {
        followers.get(v).add(u);
      }
    }
    return followers;
  }

  static String user(int u) {
    return String.format(Locale.ROOT, "u%05d", u);
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
      Caller caller = Caller.of("default", User.of(user(random.nextInt(users)), "Reader"));
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
    Caller heavy = Caller.of("default", User.of(HEAVY_READER_NAME, "Heavy reader"));
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
    report("home feed page of a reader following " + HEAVY_READER_TARGETS + " targets", heavies);
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
        + "?,".repeat(followedUsers[u].length) + "?) OR a.target_key IN (" + "?,".repeat(followedTargets[u].length - 1) + "?)"
        + " OR a.id IN (SELECT t.activity_id FROM inflow_activity_tag t WHERE t.tenant_id = ? AND t.tag IN ("
        + "?,".repeat(followedTopics[u].length - 1) + "?))) ORDER BY a.id DESC LIMIT 41";
  }

  private Object[] onReadParams(int u) {
    List<Object> params = new ArrayList<>();
    params.add("default");
    params.add(user(u));
    for (int v : followedUsers[u]) {
      params.add(user(v));
    }
    for (int t : followedTargets[u]) {
      params.add("order:" + t);
    }
    params.add("default");
    for (int t : followedTopics[u]) {
      params.add("topic-" + t);
    }
    return params.toArray();
  }

  private void posting(Inflow inflow, String label) {
    int posts = 200;
    long[] celebrity = new long[posts];
    long[] ordinary = new long[posts];
    for (int i = 0; i < posts; i++) {
      celebrity[i] = post(inflow, user(0), i);
      ordinary[i] = post(inflow, user(users - 1 - i), i);
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
          jobs * (double) CELEBRITY_FOLLOWERS / (took / 1e9));
    }
  }

  private long post(Inflow inflow, String actor, int i) {
    NewActivity activity = NewActivity.builder("completed", "course:bench-" + i, "Bench course " + i)
        .actor(actor, null).target("order:" + random.nextInt(TARGETS), null, null).xapi(false).build();
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
