package dev.inflow.benchmarks.feed;

import dev.inflow.benchmarks.SampleText;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The home-feed data set, written with plain JDBC batches and shaped like Inflow's mixed fan-out
 * would leave it; shared by {@link FeedBenchmark} (in-process) and the harness's feed scenario (in
 * the measured server, through the bench admin), so that both measure the same data.
 *
 * <p>Each of {@code users} users ({@code u0} … {@code u<users-1>}, the subjects the harness signs
 * tokens for) follows 20 people (popular ones more often, Zipf), 3 of 5,000 targets and 2 of 100
 * topics; activities have Zipf-distributed actors and targets, 30% a topic, and are published
 * evenly over the 90 days before the data set was created; every home feed holds the newest
 * {@code depth} activities that reach it through people and topics (followed targets are read at
 * request time, as Inflow does). {@code u0} has {@link #celebrityFollowers()} followers, and
 * {@value #HEAVY_READER_NAME} follows {@value #HEAVY_READER_TARGETS} targets, the bound of the
 * target part of the home read.
 *
 * <p>The set grows: {@link #create} writes users, targets and follows once, then each
 * {@link #growTo} appends activities and keeps every home feed exactly as a load of all of them at
 * once would have left it (new entries added, entries pushed past the depth deleted). The same
 * {@code seed} gives the same data either way.
 *
 * <p>Not thread-safe: one loader, one thread.
 */
public final class FeedData {
  /** Inflow's default home-feed depth ({@code FeedSettings}). */
  public static final int DEPTH = 1_000;
  static final int TARGETS = 5_000;
  static final int TOPICS = 100;
  static final int FOLLOWS_USERS = 20;
  static final int FOLLOWS_TARGETS = 3;
  static final int FOLLOWS_TOPICS = 2;
  static final int MAX_CELEBRITY_FOLLOWERS = 5_000;
  /** A reader following nearly as many targets as anyone may ({@code DefaultFollows.MAX_FOLLOWS} is 5,000 follows in all). */
  static final int HEAVY_READER = 2;
  static final String HEAVY_READER_NAME = "u2";
  static final int HEAVY_READER_TARGETS = 4_950;
  private static final String[] VERBS = {"commented", "commented", "commented", "commented", "commented", "commented", "commented",
      "liked", "liked", "completed"};

  private final Random random;
  private final int users;
  private final int depth;
  private final int[][] followedUsers;
  private final int[][] followedTargets;
  private final int[][] followedTopics;
  private final Map<Integer, double[]> cdfs = new HashMap<>();
  private final Instant first;
  private final long stepMillis;
  /** Each user's home feed as a ring of the newest {@code depth} activity ids. */
  private final long[][] inbox;
  private final int[] inboxNext;
  /** How many activities ever reached each user, and how many of those are in the table. */
  private final long[] reached;
  private final long[] written;
  private boolean created;
  private int activities;

  /**
   * @param users readers and authors, at least 20 more than {@link #FOLLOWS_USERS} allows for
   * @param plannedActivities the size the set will grow to: activities are spread over 90 days
   *     ending at the last one, so every size has the same density at its newest end
   * @param depth the home-feed depth the server is configured with ({@link #DEPTH} by default)
   * @param seed the same seed gives the same data
   */
  public FeedData(int users, int plannedActivities, int depth, long seed) {
    if (users <= FOLLOWS_USERS * 2) {
      throw new IllegalArgumentException("users must be more than " + FOLLOWS_USERS * 2 + ", got " + users);
    }
    this.random = new Random(seed);
    this.users = users;
    this.depth = depth;
    this.followedUsers = new int[users][];
    this.followedTargets = new int[users][];
    this.followedTopics = new int[users][];
    this.first = Instant.now().minus(Duration.ofDays(90)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    this.stepMillis = Math.max(1, Duration.ofDays(90).toMillis() / Math.max(1, plannedActivities));
    this.inbox = new long[users][depth];
    this.inboxNext = new int[users];
    this.reached = new long[users];
    this.written = new long[users];
  }

  /** @return the subject of user {@code u}, as the harness's tokens carry it */
  public static String user(int u) {
    return "u" + u;
  }

  /** @return how many users there are */
  public int users() {
    return users;
  }

  /** @return how many activities are in the table: ids 1 to this */
  public int activities() {
    return activities;
  }

  /** @return how many people follow {@code u0}: 5,000, or half the users in a smaller set */
  public int celebrityFollowers() {
    return Math.min(MAX_CELEBRITY_FOLLOWERS, users / 2);
  }

  int[] followedUsers(int u) {
    return followedUsers[u];
  }

  int[] followedTargets(int u) {
    return followedTargets[u];
  }

  int[] followedTopics(int u) {
    return followedTopics[u];
  }

  /** Zipf weights with exponent 0.7 over n ranks: a few popular people and targets, a long tail. */
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

  /**
   * Writes users, targets and follows into an empty Inflow database (tenant {@code default}).
   *
   * @throws IllegalStateException when called twice
   */
  public void create(Connection c) throws SQLException {
    if (created) {
      throw new IllegalStateException("the feed data set is already created");
    }
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    Instant now = Instant.now();
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO inflow_user (tenant_id, id, name, avatar_url, roles, expertise, first_seen,"
        + " last_seen) VALUES ('default', ?, ?, NULL, '', '', ?, ?)")) {
      for (int u = 0; u < users; u++) {
        ps.setString(1, user(u));
        ps.setString(2, SampleText.name(u));
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
    c.setAutoCommit(autoCommit);
    created = true;
  }

  private void follows(Connection c, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO inflow_follow (tenant_id, user_id, kind, followed, auto, created_at)"
        + " VALUES ('default', ?, ?, ?, FALSE, ?)")) {
      for (int u = 0; u < users; u++) {
        Set<Integer> people = new HashSet<>();
        if (u >= 1 && u <= celebrityFollowers()) {
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
          follow(ps, u, "user", user(v), now);
        }
        for (int t : followedTargets[u]) {
          follow(ps, u, "target", "order:" + t, now);
        }
        for (int t : followedTopics[u]) {
          follow(ps, u, "topic", "topic-" + t, now);
        }
        if (u % 500 == 499) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
    }
    c.commit();
  }

  private static void follow(PreparedStatement ps, int u, String kind, String followed, Instant now) throws SQLException {
    ps.setString(1, user(u));
    ps.setString(2, kind);
    ps.setString(3, followed);
    ps.setObject(4, now.atOffset(ZoneOffset.UTC));
    ps.addBatch();
  }

  /**
   * Appends activities until there are {@code total}, brings every home feed up to date, moves
   * the activity sequence past them (so that activities published through the API do not collide)
   * and refreshes planner statistics, as autovacuum would after a bulk load.
   *
   * @return the home-feed entries written (new ones; those pushed past the depth are deleted)
   * @throws IllegalStateException before {@link #create}
   */
  public long growTo(Connection c, int total) throws SQLException {
    append(c, total);
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    long entries = homeFeeds(c);
    try (Statement s = c.createStatement()) {
      String restart = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("h2")
          ? "ALTER SEQUENCE inflow_activity_seq RESTART WITH " + (activities + 1)
          : "SELECT setval('inflow_activity_seq', " + activities + ")";
      s.execute(restart);
      c.commit();
      s.execute("ANALYZE");
    }
    c.commit();
    c.setAutoCommit(autoCommit);
    return entries;
  }

  /**
   * Appends activities until there are {@code total} and notes whose home feeds they reach, but
   * leaves the home-feed table, the sequence and statistics to the next {@link #growTo}: a large
   * step appended in parts then writes each feed once, not once per part.
   *
   * @throws IllegalStateException before {@link #create}
   */
  public void append(Connection c, int total) throws SQLException {
    if (!created) {
      throw new IllegalStateException("create the feed data set first");
    }
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    List<List<Integer>> followers = followersOf(followedUsers, users);
    List<List<Integer>> topicFollowers = followersOf(followedTopics, TOPICS);
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO inflow_activity (tenant_id, id, actor_id, actor_name, verb, object_id,"
        + " object_type, object_name, object_url, target_key, access_key, group_key, tags, withdrawn, published)"
        + " VALUES ('default', ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, FALSE, ?)");
        PreparedStatement tag = c.prepareStatement("INSERT INTO inflow_activity_tag (tenant_id, tag, activity_id) VALUES ('default', ?, ?)")) {
      Set<Integer> audience = new HashSet<>();
      for (int i = activities + 1; i <= total; i++) {
        int actor = zipf(users);
        int target = zipf(TARGETS);
        int topic = random.nextDouble() < 0.3 ? random.nextInt(TOPICS) : -1;
        String verb = VERBS[random.nextInt(VERBS.length)];
        ps.setLong(1, i);
        ps.setString(2, user(actor));
        ps.setString(3, SampleText.name(actor));
        ps.setString(4, verb);
        ps.setString(5, verb.equals("completed") ? "course:" + target : "comment:" + i);
        ps.setString(6, verb.equals("completed") ? "course" : "comment");
        ps.setString(7, "Text of activity " + i + ", long enough to look like the first words of a comment");
        ps.setString(8, "order:" + target);
        ps.setString(9, "order:" + target);
        ps.setString(10, verb + "|order:" + target);
        ps.setString(11, topic < 0 ? "" : "topic-" + topic);
        ps.setObject(12, first.plusMillis(i * stepMillis).atOffset(ZoneOffset.UTC));
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
          inboxNext[reader] = (inboxNext[reader] + 1) % depth;
          reached[reader]++;
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
    activities = Math.max(activities, total);
    c.setAutoCommit(autoCommit);
  }

  /** Writes the entries that reached each user since the last call, and trims each feed to its depth. */
  private long homeFeeds(Connection c) throws SQLException {
    long entries = 0;
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO inflow_feed_entry (tenant_id, user_id, activity_id) VALUES ('default', ?, ?)");
        PreparedStatement trim = c.prepareStatement("DELETE FROM inflow_feed_entry WHERE tenant_id = 'default' AND user_id = ?"
            + " AND activity_id < ?")) {
      for (int u = 0; u < users; u++) {
        int fresh = (int) Math.min(depth, reached[u] - written[u]);
        for (int k = fresh; k > 0; k--) {
          insert.setString(1, user(u));
          insert.setLong(2, inbox[u][Math.floorMod(inboxNext[u] - k, depth)]);
          insert.addBatch();
          entries++;
        }
        // Entries written by an earlier step that the new ones pushed out of the feed's depth.
        if (written[u] > 0 && fresh > 0 && reached[u] > depth) {
          trim.setString(1, user(u));
          trim.setLong(2, inbox[u][inboxNext[u]]);
          trim.addBatch();
        }
        written[u] = reached[u];
        if (u % 20 == 19) {
          insert.executeBatch();
          trim.executeBatch();
          c.commit();
        }
      }
      insert.executeBatch();
      trim.executeBatch();
      c.commit();
    }
    return entries;
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

  /**
   * Reads the follow graph of a database an earlier run loaded, so that the fan-out-on-read
   * comparison of {@link FeedBenchmark} knows whom each user follows; such a set cannot grow.
   *
   * @param rows {@code user_id, kind, followed} of every {@code inflow_follow} row
   */
  void readFollows(List<String[]> rows, int existingActivities) {
    List<List<Integer>> people = new ArrayList<>();
    List<List<Integer>> targets = new ArrayList<>();
    List<List<Integer>> topics = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      people.add(new ArrayList<>());
      targets.add(new ArrayList<>());
      topics.add(new ArrayList<>());
    }
    for (String[] row : rows) {
      int u = Integer.parseInt(row[0].substring(1));
      String followed = row[2];
      switch (row[1]) {
        case "user" -> people.get(u).add(Integer.parseInt(followed.substring(1)));
        case "target" -> targets.get(u).add(Integer.parseInt(followed.substring("order:".length())));
        default -> topics.get(u).add(Integer.parseInt(followed.substring("topic-".length())));
      }
    }
    for (int u = 0; u < users; u++) {
      followedUsers[u] = people.get(u).stream().mapToInt(Integer::intValue).toArray();
      followedTargets[u] = targets.get(u).stream().mapToInt(Integer::intValue).toArray();
      followedTopics[u] = topics.get(u).stream().mapToInt(Integer::intValue).toArray();
    }
    activities = existingActivities;
  }
}
