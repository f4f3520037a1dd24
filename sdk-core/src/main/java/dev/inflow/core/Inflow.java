package dev.inflow.core;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.inflow.core.analytics.Analytics;
import dev.inflow.core.analytics.internal.DefaultAnalytics;
import dev.inflow.core.comment.Comments;
import dev.inflow.core.comment.internal.CommentHook;
import dev.inflow.core.comment.internal.DefaultComments;
import dev.inflow.core.delivery.DeadLetters;
import dev.inflow.core.delivery.internal.DefaultDeadLetters;
import dev.inflow.core.event.EventLog;
import dev.inflow.core.event.internal.EventHub;
import dev.inflow.core.event.internal.EventStore;
import dev.inflow.core.event.internal.LiveTickets;
import dev.inflow.core.feed.FeedSettings;
import dev.inflow.core.feed.Feeds;
import dev.inflow.core.feed.Follows;
import dev.inflow.core.feed.internal.FeedModule;
import dev.inflow.core.internal.OwnedTargets;
import dev.inflow.core.internal.Platform;
import dev.inflow.core.internal.Threads;
import dev.inflow.core.internal.db.Database;
import dev.inflow.core.internal.db.Migrations;
import dev.inflow.core.internal.idempotency.IdempotencyKeys;
import dev.inflow.core.internal.jobs.Jobs;
import dev.inflow.core.internal.limit.RateLimiter;
import dev.inflow.core.internal.metrics.Metrics;
import dev.inflow.core.internal.text.Markdown;
import dev.inflow.core.notification.Notifications;
import dev.inflow.core.notification.Notifier;
import dev.inflow.core.notification.internal.CommentNotifications;
import dev.inflow.core.notification.internal.DefaultNotifications;
import dev.inflow.core.question.Experts;
import dev.inflow.core.question.QuestionSettings;
import dev.inflow.core.question.Questions;
import dev.inflow.core.question.internal.DefaultQuestions;
import dev.inflow.core.spi.AccessPolicy;
import dev.inflow.core.spi.TargetResolver;
import dev.inflow.core.spi.UserDirectory;
import dev.inflow.core.target.Targets;
import dev.inflow.core.tenant.Tenants;
import dev.inflow.core.tenant.internal.DefaultTenants;
import dev.inflow.core.transfer.Transfers;
import dev.inflow.core.transfer.internal.DefaultTransfers;
import dev.inflow.core.target.internal.TargetStore;
import dev.inflow.core.user.Users;
import dev.inflow.core.user.internal.UserStore;
import dev.inflow.core.webhook.WebhookSettings;
import dev.inflow.core.webhook.Webhooks;
import dev.inflow.core.webhook.internal.DefaultWebhooks;
import dev.inflow.core.xapi.XapiSettings;
import dev.inflow.core.xapi.internal.XapiOutbox;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Inflow in one object: build it once at start-up, share it, close it at shutdown.
 *
 * <pre>{@code
 * Inflow inflow = Inflow.builder()
 *     .dataSource(hostDataSource)          // or .jdbcUrl("jdbc:postgresql://db/inflow"), default: H2 in ./data
 *     .accessPolicy(myPolicy)
 *     .build();                            // connects and migrates the schema
 * inflow.comments().list(caller, "order:4711", CommentSort.OLDEST, PageRequest.first(20));
 * }</pre>
 *
 * <p>Thread-safe. {@link #build} fails with a message saying what to fix when the database cannot
 * be reached or migrated.
 */
public final class Inflow implements AutoCloseable {
  /**
   * The embedded default: an H2 database in files under {@code ./data}. Like every embedded H2 URL
   * it is opened with {@code WRITE_DELAY=0} (see {@link Builder#jdbcUrl}), so a comment that was
   * acknowledged survives the process being killed; a machine crash or power loss can still lose
   * the last ones, as H2 does not force each commit to the disk. Use PostgreSQL where that matters.
   */
  public static final String DEFAULT_JDBC_URL = "jdbc:h2:file:./data/inflow";
  private static final System.Logger LOG = System.getLogger(Inflow.class.getName());

  private final Platform platform;
  private final Comments comments;
  private final FeedModule feed;
  private final Webhooks webhooks;
  private final DeadLetters deadLetters;
  private final DefaultNotifications notifications;
  private final DefaultQuestions questions;
  private final Analytics analytics;
  private final Tenants tenants;
  private final Transfers transfers;
  private final HikariDataSource ownPool;
  private final ScheduledExecutorService maintenance;
  private final List<String> appliedMigrations;
  private final Duration eventRetention;

  private Inflow(Builder b) {
    this.ownPool = b.dataSource == null ? openPool(b) : null;
    DataSource dataSource = ownPool != null ? ownPool : b.dataSource;
    try {
      Database db = new Database(dataSource);
      this.appliedMigrations = Migrations.migrate(dataSource, db.dialect());
      UserStore users = new UserStore(db, b.userDirectory, b.clock);
      EventStore events = new EventStore(db, b.clock);
      Metrics metrics = new Metrics();
      OwnedTargets access = new OwnedTargets(b.accessPolicy);
      this.platform = new Platform(db, b.clock, b.limits, access, new RateLimiter(b.clock, b.limits),
          events, users, new TargetStore(db, b.targetResolver, b.clock), new Markdown(),
          metrics, new IdempotencyKeys(db, b.clock), new Jobs(db, b.clock, b.jobLease, Duration.ofSeconds(10), new Random()),
          new EventHub(db, events, b.clock, metrics), new LiveTickets(db, b.clock), access);
      this.eventRetention = b.eventRetention;
      this.feed = new FeedModule(platform, b.feedSettings);
      if (b.xapiSettings != null) {
        feed.recorder().addListener(new XapiOutbox(platform, b.xapiSettings));
      }
      this.webhooks = new DefaultWebhooks(platform, b.webhookSettings);
      this.deadLetters = new DefaultDeadLetters(platform);
      this.notifications = new DefaultNotifications(platform, java.util.Optional.ofNullable(b.notifier));
      DefaultComments comments = new DefaultComments(platform, CommentHook.all(feed.commentHook(), new CommentNotifications(platform, notifications)));
      this.comments = comments;
      this.questions = new DefaultQuestions(platform, b.userDirectory, b.questionSettings, notifications, feed.questionHook());
      this.analytics = new DefaultAnalytics(platform);
      this.tenants = new DefaultTenants(platform);
      this.transfers = new DefaultTransfers(platform, questions::imported, comments::imported);
    } catch (RuntimeException e) {
      if (ownPool != null) {
        ownPool.close();
      }
      throw e;
    }
    this.maintenance = Executors.newSingleThreadScheduledExecutor(r -> Threads.daemon("inflow-maintenance", r));
    maintenance.scheduleWithFixedDelay(this::purgeExpired, 1, 60, TimeUnit.MINUTES);
    if (b.runBackgroundJobs) {
      maintenance.scheduleWithFixedDelay(this::runJobs, 1, 1, TimeUnit.SECONDS);
    }
  }

  /** @return a builder; every option has a working default */
  public static Builder builder() {
    return new Builder();
  }

  /** @return threaded comments on any target */
  public Comments comments() {
    return comments;
  }

  /** @return activities and the feeds that show them */
  public Feeds feeds() {
    return feed.feeds();
  }

  /** @return what each user follows and mutes */
  public Follows follows() {
    return feed.follows();
  }

  /** @return the tenant's webhook endpoints */
  public Webhooks webhooks() {
    return webhooks;
  }

  /** @return deliveries (xAPI statements, webhooks, e-mail) that failed for good, for administrators */
  public DeadLetters deadLetters() {
    return deadLetters;
  }

  /** @return ask an expert: questions, answers, votes, tags, the community-manager view */
  public Questions questions() {
    return questions;
  }

  /** @return who knows what: the experts directory questions are routed through */
  public Experts experts() {
    return questions.experts();
  }

  /** @return each user's notifications */
  public Notifications notifications() {
    return notifications;
  }

  /** @return figures for L&D teams and moderators */
  public Analytics analytics() {
    return analytics;
  }

  /** @return tenants, their token secrets and allowed origins (an operator's API) */
  public Tenants tenants() {
    return tenants;
  }

  /** @return imports from Disqus and WordPress, and tenant exports (an operator's API) */
  public Transfers transfers() {
    return transfers;
  }

  /** @return the log of every change, for live delivery */
  public EventLog events() {
    return platform.events();
  }

  /** @return the users Inflow knows */
  public Users users() {
    return platform.users();
  }

  /** @return titles and links of targets */
  public Targets targets() {
    return platform.targets();
  }

  /**
   * @return the access policy in effect: the host's, except for target keys Inflow's features own
   *     ({@code question:{id}}, {@code answer:{id}}), which follow what they belong to
   */
  public AccessPolicy accessPolicy() {
    return platform.accessPolicy();
  }

  /** @return whether the database answers now */
  public boolean isHealthy() {
    return platform.db().isReachable();
  }

  /** @return the schema migrations this start applied, e.g. {@code ["1 platform", "2 comments"]} */
  public List<String> appliedMigrations() {
    return appliedMigrations;
  }

  /** For Inflow's own modules (the servlet layer); no compatibility promise. */
  public Platform platform() {
    return platform;
  }

  /** Stops background work and closes the connection pool Inflow opened itself (never the host's). */
  @Override
  public void close() {
    maintenance.shutdownNow();
    platform.hub().close();
    questions.close();
    if (ownPool != null) {
      ownPool.close();
    }
  }

  /**
   * Runs the hourly maintenance now: forgets expired idempotency keys, finished jobs and events
   * past their retention, and trims home feeds to their depth. For operators and tests; a failure
   * is logged and retried at the next hour.
   */
  public void runMaintenance() {
    purgeExpired();
  }

  private void purgeExpired() {
    try {
      int keys = platform.db().transaction(sql -> platform.idempotency().purge(sql));
      int jobs = platform.jobs().purgeDone(Duration.ofDays(7));
      int events = platform.events().purge(eventRetention);
      int entries = feed.trimHomeFeeds();
      LOG.log(Level.DEBUG, "purged {0} expired idempotency keys, {1} finished jobs, {2} old events, {3} old home feed entries",
          keys, jobs, events, entries);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "could not purge expired idempotency keys and jobs; will try again in an hour: " + e.getMessage());
    }
  }

  private void runJobs() {
    try {
      while (platform.jobs().runDue() > 0 && !Thread.currentThread().isInterrupted()) {
        // keep going while there is a backlog; the next poll comes a second after it is cleared
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "background jobs could not run; retrying in a second: " + e.getMessage());
    }
  }

  private static HikariDataSource openPool(Builder b) {
    String url = withoutWriteDelay(b.jdbcUrl == null ? DEFAULT_JDBC_URL : b.jdbcUrl);
    if (url.startsWith("jdbc:h2:file:")) {
      createParentDirectory(url);
    }
    HikariConfig config = new HikariConfig();
    config.setPoolName("inflow");
    config.setJdbcUrl(url);
    // Named, not looked up: DriverManager does not hand a driver in a web application's WEB-INF/lib
    // to code of that application once another class loader registered the same driver first.
    config.setDriverClassName(url.startsWith("jdbc:h2:") ? "org.h2.Driver" : "org.postgresql.Driver");
    if (b.jdbcUser != null) {
      config.setUsername(b.jdbcUser);
      config.setPassword(b.jdbcPassword);
    }
    config.setMaximumPoolSize(b.maxPoolSize);
    config.setConnectionTimeout(Duration.ofSeconds(5).toMillis());
    config.setInitializationFailTimeout(Duration.ofSeconds(10).toMillis());
    if (url.startsWith("jdbc:h2:")) {
      // Concurrent creates wait for each other's row locks; H2's 1 s default is too short under load.
      config.setConnectionInitSql("SET LOCK_TIMEOUT 10000");
    }
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      throw new InflowException("cannot connect to " + redact(url) + ": " + root.getMessage(), e);
    }
  }

  /**
   * Adds {@code WRITE_DELAY=0} to a URL of an embedded H2 database in files, unless the URL sets
   * {@code WRITE_DELAY} itself. H2's default of 500 ms acknowledges a commit and writes it to its
   * file up to half a second later, so a killed server lost 24 of 152 and, in another run, 51 of 121
   * comments it had answered 201 (ProcessCrashH2OnlyTest). With 0 each commit is written
   * to the file (not forced to the disk) before it returns; in-memory and client-server URLs are
   * left alone, the server's own settings decide there.
   */
  static String withoutWriteDelay(String url) {
    if (!url.startsWith("jdbc:h2:")) {
      return url;
    }
    String location = url.substring("jdbc:h2:".length()).toLowerCase(Locale.ROOT);
    if (location.startsWith("mem:") || location.startsWith("tcp:") || location.startsWith("ssl:") || location.startsWith("zip:")) {
      return url;
    }
    String[] parts = url.split(";");
    for (int i = 1; i < parts.length; i++) {
      if (parts[i].split("=", 2)[0].strip().equalsIgnoreCase("WRITE_DELAY")) {
        return url;
      }
    }
    return url + (url.endsWith(";") ? "" : ";") + "WRITE_DELAY=0";
  }

  private static void createParentDirectory(String url) {
    String path = url.substring("jdbc:h2:file:".length()).split(";", 2)[0];
    Path parent = Path.of(path).toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
    } catch (java.io.IOException e) {
      throw new InflowException("cannot create the database directory " + parent + ": " + e.getMessage(), e);
    }
  }

  private static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  /**
   * Builds {@link Inflow}. Not thread-safe; each option may be set once, and a second call fails
   * naming the option, so that two places in a host's code cannot silently disagree.
   */
  public static final class Builder {
    private DataSource dataSource;
    private String jdbcUrl;
    private String jdbcUser;
    private String jdbcPassword;
    private int maxPoolSize = 10;
    private Clock clock = Clock.systemUTC();
    private AccessPolicy accessPolicy = AccessPolicy.signedInUsers();
    private UserDirectory userDirectory = UserDirectory.none();
    private TargetResolver targetResolver = TargetResolver.none();
    private Limits limits = Limits.defaults();
    private boolean runBackgroundJobs = true;
    private Duration jobLease = Duration.ofMinutes(5);
    private Duration eventRetention = Duration.ofDays(7);
    private FeedSettings feedSettings;
    private XapiSettings xapiSettings;
    private WebhookSettings webhookSettings;
    private QuestionSettings questionSettings;
    private Notifier notifier;

    private Builder() {}

    /** Uses the host's pool; Inflow never closes it. Exclusive with {@link #jdbcUrl}. */
    public Builder dataSource(DataSource dataSource) {
      if (jdbcUrl != null) {
        throw new IllegalStateException("jdbcUrl was already set to " + redact(jdbcUrl) + "; set either dataSource or jdbcUrl");
      }
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
      return this;
    }

    /**
     * Lets Inflow open its own HikariCP pool. Default: {@value Inflow#DEFAULT_JDBC_URL}.
     * Exclusive with {@link #dataSource}.
     *
     * <p>An embedded H2 database in files ({@code jdbc:h2:file:...}, or a bare path) is opened with
     * {@code ;WRITE_DELAY=0} appended, so that every acknowledged write is in H2's file when the
     * call returns and survives the process being killed. H2 still does not force commits to the
     * disk, so a machine crash or power loss can lose the last ones; PostgreSQL does not. A URL
     * that sets {@code WRITE_DELAY} itself is used as it is: {@code ;WRITE_DELAY=500} (H2's own
     * default) trades the last half second of writes on a crash for a smaller file: without a
     * write delay H2 keeps the old pages of every commit in its file until it is compacted offline
     * (about 50 KB per write instead of 7 KB; figures in docs/security.md). A host's own
     * {@link #dataSource} is never changed.
     */
    public Builder jdbcUrl(String jdbcUrl) {
      if (dataSource != null) {
        throw new IllegalStateException("dataSource was already set; set either dataSource or jdbcUrl");
      }
      Objects.requireNonNull(jdbcUrl, "jdbcUrl");
      if (!jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
        throw new IllegalArgumentException("jdbcUrl must start with jdbc:h2: or jdbc:postgresql: (got " + redact(jdbcUrl) + ")");
      }
      this.jdbcUrl = jdbcUrl;
      return this;
    }

    /** User and password for {@link #jdbcUrl}; either may be null. */
    public Builder jdbcCredentials(String user, String password) {
      this.jdbcUser = user;
      this.jdbcPassword = password;
      return this;
    }

    /** Size of Inflow's own pool (default 10); ignored with {@link #dataSource}. */
    public Builder maxPoolSize(int maxPoolSize) {
      if (maxPoolSize < 1) {
        throw new IllegalArgumentException("maxPoolSize must be at least 1 (got " + maxPoolSize + ")");
      }
      this.maxPoolSize = maxPoolSize;
      return this;
    }

    /** The time source (default: system UTC); tests pass a controllable one. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Who may read, write and moderate what (default: {@link AccessPolicy#signedInUsers()}). */
    public Builder accessPolicy(AccessPolicy accessPolicy) {
      this.accessPolicy = Objects.requireNonNull(accessPolicy, "accessPolicy");
      return this;
    }

    /** Profiles from the host's directory (default: none). */
    public Builder userDirectory(UserDirectory userDirectory) {
      this.userDirectory = Objects.requireNonNull(userDirectory, "userDirectory");
      return this;
    }

    /** Titles and URLs of targets from the host (default: what pages declare). */
    public Builder targetResolver(TargetResolver targetResolver) {
      this.targetResolver = Objects.requireNonNull(targetResolver, "targetResolver");
      return this;
    }

    /** Size and rate limits (default: {@link Limits#defaults()}). */
    public Builder limits(Limits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /**
     * Whether this node runs background jobs (escalations, deliveries) every second (default
     * true). Tests switch it off and run {@code platform().jobs().runDue()} with a controlled clock.
     */
    public Builder runBackgroundJobs(boolean runBackgroundJobs) {
      this.runBackgroundJobs = runBackgroundJobs;
      return this;
    }

    /**
     * How long a node keeps a claimed job before another node may take it over (default 5
     * minutes); longer than any job may take.
     */
    public Builder jobLease(Duration jobLease) {
      if (jobLease.isNegative() || jobLease.isZero()) {
        throw new IllegalArgumentException("jobLease must be positive (got " + jobLease + ")");
      }
      this.jobLease = jobLease;
      return this;
    }

    /**
     * How long events are kept for clients to resume from (default 7 days). A client resuming
     * from an older position is told to reload its view.
     */
    public Builder eventRetention(Duration eventRetention) {
      if (eventRetention.compareTo(Duration.ofMinutes(10)) < 0) {
        throw new IllegalArgumentException("eventRetention must be at least 10 minutes (got " + eventRetention + ")");
      }
      this.eventRetention = eventRetention;
      return this;
    }

    /** How feeds fold, fan out and how far home feeds reach back (default: {@link FeedSettings#defaults()}). */
    public Builder feeds(FeedSettings settings) {
      if (feedSettings != null) {
        throw new IllegalStateException("feeds was already set to " + feedSettings);
      }
      this.feedSettings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * Sends learning activities to a Learning Record Store as xAPI statements (default: none).
     * The standalone server sets it from {@code INFLOW_XAPI_ENDPOINT}, {@code _USERNAME} and {@code _PASSWORD}.
     */
    public Builder xapi(XapiSettings settings) {
      if (xapiSettings != null) {
        throw new IllegalStateException("xapi was already set to the LRS at " + xapiSettings.endpoint());
      }
      this.xapiSettings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /** Timeouts and attempts of webhook deliveries (default: {@link WebhookSettings#defaults()}). */
    public Builder webhooks(WebhookSettings settings) {
      if (webhookSettings != null) {
        throw new IllegalStateException("webhooks was already set to " + webhookSettings);
      }
      this.webhookSettings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * How questions are routed and escalated and which tags people may use (default:
     * {@link QuestionSettings#defaults()}: 3 experts per step, 4-hour deadlines in calendar time,
     * one round of further experts before the tag's community manager, new tags allowed).
     */
    public Builder questions(QuestionSettings settings) {
      if (questionSettings != null) {
        throw new IllegalStateException("questions was already set to " + questionSettings);
      }
      this.questionSettings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * Sends notifications by e-mail (or another channel) to users who ask for it (default: none).
     * The standalone server sets an {@link dev.inflow.core.notification.SmtpNotifier} from
     * {@code INFLOW_SMTP_HOST} and the other {@code INFLOW_SMTP_*} settings.
     */
    public Builder notifier(Notifier notifier) {
      if (this.notifier != null) {
        throw new IllegalStateException("notifier was already set to " + this.notifier);
      }
      this.notifier = Objects.requireNonNull(notifier, "notifier");
      return this;
    }

    /**
     * Connects, migrates the schema and starts background work.
     *
     * @throws InflowException saying what to fix when the database cannot be used
     */
    public Inflow build() {
      if (feedSettings == null) {
        feedSettings = FeedSettings.defaults();
      }
      if (webhookSettings == null) {
        webhookSettings = WebhookSettings.defaults();
      }
      if (questionSettings == null) {
        questionSettings = QuestionSettings.defaults();
      }
      return new Inflow(this);
    }
  }
}
