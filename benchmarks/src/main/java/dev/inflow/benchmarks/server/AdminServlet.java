package dev.inflow.benchmarks.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inflow.benchmarks.SampleQuestions;
import dev.inflow.benchmarks.SampleText;
import dev.inflow.benchmarks.feed.FeedData;
import dev.inflow.core.Caller;
import dev.inflow.core.Inflow;
import dev.inflow.core.User;
import dev.inflow.core.question.NewQuestion;
import dev.inflow.core.internal.db.Dialect;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * What the harness asks of the server process besides the API, under {@code /bench/admin}:
 *
 * <ul>
 *   <li>{@code POST seed?prefix=&from=&targets=&perTarget=} bulk-inserts top-level comments
 *       straight into {@code inflow_comment} (multi-row INSERTs, the HTML rendered once by Inflow's
 *       own Markdown renderer), so that a million rows take a minute instead of an hour of API calls;
 *   <li>{@code POST users?count=} adds the bench users' profiles;
 *   <li>{@code POST feed?users=&planned=&activities=} loads the home-feed data set ({@link FeedData}:
 *       users, follows, activities, home-feed entries) with JDBC batches on the first call, and grows
 *       it to {@code activities} on later ones, each feed kept as the mixed fan-out would leave it
 *       ({@code &feeds=false} appends activities only, for a large step loaded in parts);
 *   <li>{@code POST questions?from=&count=&threads=} asks questions number {@code from} to
 *       {@code from + count - 1} of {@link SampleQuestions} through Inflow's own API in
 *       this process (not SQL: the similar-question index, Lucene on H2, learns of questions as they
 *       are asked), round-robin by the {@code users} bench users, so that the per-user write limit
 *       does not apply at the rates seeding reaches and the tenant keeps the harness's user count;
 *   <li>{@code POST jdbc-insert?threads=&millis=} the raw JDBC baseline of comment creation: each
 *       thread loops {take a pooled connection, INSERT one comment row, commit} on Inflow's own pool;
 *   <li>{@code GET memory} heap after full GCs, direct buffers, RSS, threads;
 *   <li>{@code POST analyze} refreshes planner statistics of every table, as autovacuum would after a bulk load;
 *   <li>{@code GET db} the database product, version and durability settings.
 * </ul>
 *
 * Seeded and raw-inserted rows take ids from ranges far above the comment sequence, so they never
 * collide with comments created through the API.
 */
final class AdminServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLUMNS = "tenant_id, id, target_key, parent_id, root_id, depth, path, author_id, body, html,"
      + " mentions, reactions, score, reply_count, flag_count, status, version, created_at";
  private static final int ROW_PARAMS = 8;
  private static final String ROW_VALUES = "('default', ?, ?, NULL, ?, 0, ?, ?, ?, ?, '', '', 0, 0, 0, 'VISIBLE', 1, ?)";
  private static final int BATCH_ROWS = 500;

  private final transient Inflow inflow;
  private final transient DataSource dataSource;
  private final transient BareBroadcast bare;
  private final AtomicLong seedIds = new AtomicLong(100_000_000_000L);
  private final AtomicLong rawIds = new AtomicLong(500_000_000_000L);
  private final transient List<Body> bodies;
  /** The home-feed data set once created; later calls grow it. Guarded by this. */
  private transient FeedData feedData;

  /** A comment text and its HTML as Inflow renders it. */
  record Body(String markdown, String html) {}

  AdminServlet(Inflow inflow, BareBroadcast bare) {
    this.inflow = inflow;
    this.dataSource = inflow.platform().db().dataSource();
    this.bare = bare;
    this.bodies = new ArrayList<>();
    for (String text : SampleText.COMMENTS) {
      bodies.add(new Body(text, inflow.platform().markdown().render(text, ids -> Map.of()).html()));
    }
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String action = Optional.ofNullable(request.getPathInfo()).orElse("/").substring(1);
    Object answer;
    try {
      answer = switch (request.getMethod() + " " + action) {
        case "POST seed" -> seed(request.getParameter("prefix"), intParam(request, "from"), intParam(request, "targets"),
            intParam(request, "perTarget"), intParam(request, "users"));
        case "POST users" -> users(intParam(request, "count"));
        case "POST feed" -> feed(intParam(request, "users"), intParam(request, "planned"), intParam(request, "activities"),
            !"false".equals(request.getParameter("feeds")));
        case "POST questions" -> questions(intParam(request, "from"), intParam(request, "count"), intParam(request, "threads"),
            intParam(request, "users"));
        case "POST jdbc-insert" -> jdbcInsert(intParam(request, "threads"), intParam(request, "millis"), request.getParameter("target"),
            intParam(request, "users"));
        case "GET memory" -> memory();
        case "POST analyze" -> analyze();
        case "GET db" -> database();
        default -> null;
      };
    } catch (SQLException e) {
      response.sendError(500, "SQL failed: " + e.getMessage());
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      response.sendError(503, "interrupted");
      return;
    }
    if (answer == null) {
      response.sendError(404, "unknown admin action " + request.getMethod() + " " + action);
      return;
    }
    response.setContentType("application/json");
    JSON.writeValue(response.getOutputStream(), answer);
  }

  private Map<String, Object> seed(String prefix, int from, int targets, int perTarget, int users) throws SQLException {
    long started = System.nanoTime();
    long rows = 0;
    Instant base = Instant.now().minusSeconds(86_400L * 30);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      String fullBatch = insertSql(BATCH_ROWS);
      List<Object[]> pending = new ArrayList<>(BATCH_ROWS);
      for (int t = from; t < from + targets; t++) {
        String target = prefix + t;
        for (int i = 0; i < perTarget; i++) {
          long id = seedIds.incrementAndGet();
          Body body = bodies.get((int) (id % bodies.size()));
          pending.add(new Object[] {id, target, id, String.format("%012d", id), "u" + (id % users), body.markdown(), body.html(),
              Timestamp.from(base.plusSeconds(rows))});
          rows++;
          if (pending.size() == BATCH_ROWS) {
            insertRows(c, fullBatch, pending);
            pending.clear();
            if (rows % 20_000 == 0) {
              c.commit();
            }
          }
        }
      }
      if (!pending.isEmpty()) {
        insertRows(c, insertSql(pending.size()), pending);
      }
      c.commit();
    }
    return Map.of("rows", rows, "millis", (System.nanoTime() - started) / 1_000_000);
  }

  private static String insertSql(int rows) {
    StringBuilder sql = new StringBuilder("INSERT INTO inflow_comment (" + COLUMNS + ") VALUES ");
    for (int i = 0; i < rows; i++) {
      sql.append(i == 0 ? "" : ", ").append(ROW_VALUES);
    }
    return sql.toString();
  }

  private static void insertRows(Connection c, String sql, List<Object[]> rows) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int p = 1;
      for (Object[] row : rows) {
        for (int i = 0; i < ROW_PARAMS; i++) {
          ps.setObject(p++, row[i]);
        }
      }
      ps.executeUpdate();
    }
  }

  /**
   * Creates the home-feed data set of {@code users} users on the first call, then appends
   * activities until there are {@code activities}, keeping every home feed consistent; with
   * {@code feeds=false} only appends, leaving the home feeds to the next call.
   */
  private synchronized Map<String, Object> feed(int users, int planned, int activities, boolean feeds) throws SQLException {
    long started = System.nanoTime();
    if (feedData != null && feedData.users() != users) {
      throw new IllegalArgumentException("the feed data set has " + feedData.users() + " users, not " + users);
    }
    long entries;
    try (Connection c = dataSource.getConnection()) {
      if (feedData == null) {
        FeedData created = new FeedData(users, planned, FeedData.DEPTH, 42);
        created.create(c);
        feedData = created;
      }
      if (feeds) {
        entries = feedData.growTo(c, activities);
      } else {
        feedData.append(c, activities);
        entries = 0;
      }
    }
    return Map.of("activities", feedData.activities(), "entries", entries, "millis", (System.nanoTime() - started) / 1_000_000);
  }

  private Map<String, Object> questions(int from, int count, int threads, int users) throws InterruptedException {
    long started = System.nanoTime();
    AtomicLong next = new AtomicLong(from);
    LongAdder failed = new LongAdder();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker = new Thread(() -> {
        for (long i = next.getAndIncrement(); i < from + count; i = next.getAndIncrement()) {
          SampleQuestions.Question q = SampleQuestions.question((int) i);
          int user = (int) (i % users);
          Caller asker = Caller.of(Caller.DEFAULT_TENANT, User.of("u" + user, SampleText.name(user)));
          try {
            inflow.questions().ask(asker, NewQuestion.of(q.title(), q.body(), q.tags()), Optional.of("bench-q-" + i));
          } catch (RuntimeException e) {
            failed.increment();
          }
        }
      }, "bench-ask-" + t);
      worker.start();
      workers.add(worker);
    }
    for (Thread worker : workers) {
      worker.join();
    }
    return Map.of("asked", count - failed.sum(), "failed", failed.sum(), "millis", (System.nanoTime() - started) / 1_000_000);
  }

  private Map<String, Object> users(int count) throws SQLException {
    Timestamp now = Timestamp.from(Instant.now());
    int added = 0;
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO inflow_user (tenant_id, id, name, avatar_url, roles, expertise, first_seen, last_seen)"
          + " SELECT 'default', ?, ?, NULL, '', '', ?, ? WHERE NOT EXISTS (SELECT 1 FROM inflow_user WHERE tenant_id = 'default' AND id = ?)")) {
        for (int i = 0; i < count; i++) {
          ps.setString(1, "u" + i);
          ps.setString(2, SampleText.name(i));
          ps.setTimestamp(3, now);
          ps.setTimestamp(4, now);
          ps.setString(5, "u" + i);
          ps.addBatch();
        }
        for (int n : ps.executeBatch()) {
          added += Math.max(n, 0);
        }
      }
      c.commit();
    }
    return Map.of("added", added);
  }

  /**
   * The floor under comment creation: as many threads as the HTTP load has connections, each
   * inserting one row of the same shape per transaction, through the same pool.
   */
  private Map<String, Object> jdbcInsert(int threads, int millis, String target, int users) throws InterruptedException {
    LongAdder inserts = new LongAdder();
    LongAdder failures = new LongAdder();
    long deadline = System.nanoTime() + millis * 1_000_000L;
    Body body = bodies.get(0);
    String sql = "INSERT INTO inflow_comment (" + COLUMNS + ") VALUES " + ROW_VALUES;
    List<Thread> workers = new ArrayList<>();
    long started = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      Thread worker = new Thread(() -> {
        while (System.nanoTime() < deadline) {
          long id = rawIds.incrementAndGet();
          try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
              ps.setLong(1, id);
              ps.setString(2, target);
              ps.setLong(3, id);
              ps.setString(4, String.format("%012d", id));
              ps.setString(5, "u" + (id % users));
              ps.setString(6, body.markdown());
              ps.setString(7, body.html());
              ps.setTimestamp(8, Timestamp.from(Instant.now()));
              ps.executeUpdate();
            }
            c.commit();
            c.setAutoCommit(true);
            inserts.increment();
          } catch (SQLException e) {
            failures.increment();
          }
        }
      }, "bench-jdbc-" + t);
      worker.start();
      workers.add(worker);
    }
    for (Thread worker : workers) {
      worker.join();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    return Map.of("inserts", inserts.sum(), "failures", failures.sum(), "seconds", seconds);
  }

  private Map<String, Object> memory() throws InterruptedException {
    // Several full collections: the first may leave garbage that finalizers or reference processing free later.
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("heapUsed", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    m.put("nonHeapUsed", ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage().getUsed());
    long direct = 0;
    for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
      if (pool.getName().equals("direct")) {
        direct = pool.getMemoryUsed();
      }
    }
    m.put("directUsed", direct);
    m.put("rss", rss());
    m.put("threads", ManagementFactory.getThreadMXBean().getThreadCount());
    m.put("bareSessions", bare.size());
    return m;
  }

  private static long rss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  private Map<String, Object> analyze() throws SQLException {
    long started = System.nanoTime();
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      // Every table: the planner needs to know inflow_user is not empty to join it by primary key.
      s.execute("ANALYZE");
    }
    return Map.of("millis", (System.nanoTime() - started) / 1_000_000);
  }

  private Map<String, Object> database() throws SQLException {
    Map<String, Object> m = new LinkedHashMap<>();
    try (Connection c = dataSource.getConnection()) {
      m.put("product", c.getMetaData().getDatabaseProductName());
      m.put("version", c.getMetaData().getDatabaseProductVersion());
      if (inflow.platform().db().dialect() == Dialect.POSTGRESQL) {
        for (String setting : List.of("fsync", "synchronous_commit", "shared_buffers", "server_version")) {
          try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            m.put(setting, rs.getString(1));
          }
        }
      }
      if (dataSource instanceof com.zaxxer.hikari.HikariDataSource hikari) {
        m.put("poolSize", hikari.getMaximumPoolSize());
      }
    }
    return m;
  }

  private static int intParam(HttpServletRequest request, String name) {
    String value = request.getParameter(name);
    if (value == null) {
      throw new IllegalArgumentException("missing parameter " + name);
    }
    return Integer.parseInt(value);
  }
}
