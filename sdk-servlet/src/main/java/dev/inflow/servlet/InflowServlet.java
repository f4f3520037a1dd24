package dev.inflow.servlet;

import dev.inflow.core.Inflow;
import dev.inflow.core.spi.IdentityResolver;
import dev.inflow.servlet.internal.analytics.AnalyticsRoutes;
import dev.inflow.servlet.internal.auth.Authenticator;
import dev.inflow.servlet.internal.auth.TokenVerifier;
import dev.inflow.core.comment.internal.DefaultComments;
import dev.inflow.core.feed.internal.DefaultFollows;
import dev.inflow.servlet.internal.admin.AdminRoutes;
import dev.inflow.servlet.internal.comment.CommentRoutes;
import dev.inflow.servlet.internal.feed.FeedRoutes;
import dev.inflow.servlet.internal.feed.FeedTopics;
import dev.inflow.servlet.internal.feed.FollowRoutes;
import dev.inflow.servlet.internal.http.Cors;
import dev.inflow.servlet.internal.http.RequestHandler;
import dev.inflow.servlet.internal.http.Route;
import dev.inflow.servlet.internal.http.Router;
import dev.inflow.servlet.internal.live.LiveRoutes;
import dev.inflow.servlet.internal.live.LiveTopics;
import dev.inflow.servlet.internal.notification.NotificationRoutes;
import dev.inflow.servlet.internal.platform.PlatformRoutes;
import dev.inflow.servlet.internal.platform.WidgetAssets;
import dev.inflow.servlet.internal.question.ExpertRoutes;
import dev.inflow.servlet.internal.question.QuestionRoutes;
import dev.inflow.servlet.internal.tenant.TenantRoutes;
import dev.inflow.servlet.internal.transfer.TransferRoutes;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Inflow's REST API, widget files, health and metrics, as one servlet for any Jakarta Servlet 6
 * container. Mount it at {@code /inflow/*} (or anywhere) with {@link #register}, or let the
 * {@code web-fragment.xml} in this jar do it from context parameters.
 *
 * <pre>{@code
 * InflowServlet servlet = InflowServlet.builder(inflow)
 *     .identityResolver(request -> ...)               // who is signed in, from the host's login
 *     .tenantKeys(TenantKeys.of(Map.of("default", secret)))  // for pages on other origins
 *     .allowedOrigins(List.of("https://portal.example.com"))
 *     .build();
 * servlet.register(servletContext, "/inflow");
 * }</pre>
 *
 * <p>Thread-safe; one instance serves every request.
 */
public final class InflowServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  /** Where Inflow is mounted unless the host says otherwise. */
  public static final String DEFAULT_MOUNT_PATH = "/inflow";

  private final transient Router router;
  private final transient RequestHandler handler;
  private final transient LiveRoutes live;

  private InflowServlet(Builder b) {
    Authenticator authenticator = new Authenticator(b.identityResolver,
        new TokenVerifier(b.tenantKeys, b.inflow.platform().clock()), b.inflow.users(), b.csrfKey);
    Cors cors = new Cors(b.allowedOrigins, b.inflow.tenants());
    this.router = new Router();
    PlatformRoutes.register(router, b.inflow, authenticator);
    WidgetAssets.register(router);
    CommentRoutes.register(router, (DefaultComments) b.inflow.comments());
    FeedRoutes.register(router, b.inflow.feeds(), b.inflow.follows());
    FollowRoutes.register(router, b.inflow.follows());
    AdminRoutes.register(router, b.inflow.webhooks(), b.inflow.deadLetters());
    LiveTopics topics = new LiveTopics();
    QuestionRoutes.register(router, b.inflow, topics);
    ExpertRoutes.register(router, b.inflow.experts(), b.inflow.questions());
    NotificationRoutes.register(router, b.inflow.notifications(), topics);
    AnalyticsRoutes.register(router, b.inflow.analytics(), b.inflow.platform().clock());
    TenantRoutes.register(router, b.inflow.tenants(), b.operatorSecret);
    TransferRoutes.register(router, b.inflow.transfers());
    this.live = LiveRoutes.register(router, b.inflow, topics, authenticator, cors);
    // Inflow builds its follows itself, so the live feed topics may use their in-memory follow sets.
    FeedTopics.register(topics, b.inflow.platform(), (DefaultFollows) b.inflow.follows());
    this.handler = new RequestHandler(router, authenticator, cors, b.inflow.platform().rateLimiter(),
        b.inflow.platform().metrics(), b.maxRequestBytes, b.inflow.platform().hub()::position);
  }

  /** @return a builder for a servlet serving this Inflow */
  public static Builder builder(Inflow inflow) {
    return new Builder(inflow);
  }

  /**
   * Adds this servlet to a context, mapped to {@code mountPath + "/*"}.
   *
   * @param mountPath e.g. {@value #DEFAULT_MOUNT_PATH}; must start with '/' and not end with one
   * @throws IllegalStateException when a servlet named "inflow" is already registered
   */
  public void register(ServletContext context, String mountPath) {
    if (!mountPath.startsWith("/") || mountPath.endsWith("/")) {
      throw new IllegalArgumentException("mountPath must start with '/' and not end with one (got '" + mountPath + "')");
    }
    ServletRegistration.Dynamic registration = context.addServlet("inflow", this);
    if (registration == null) {
      throw new IllegalStateException("a servlet named 'inflow' is already registered in this context");
    }
    registration.addMapping(mountPath + "/*");
    registration.setAsyncSupported(true);
    registration.setLoadOnStartup(1);
  }

  /** @return the routes this servlet answers, for documentation and tests */
  public List<Route> routes() {
    return router.routes();
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    handler.handle(request, response);
  }

  /**
   * Closes every open live connection (WebSocket and SSE) with "going away", so that clients
   * reconnect to another node at once. Call it when a graceful shutdown begins: long-lived streams
   * would otherwise hold it up until its timeout.
   */
  public void closeLiveConnections() {
    live.closeConnections();
  }

  @Override
  public void destroy() {
    live.close();
  }

  /** Builds an {@link InflowServlet}; not thread-safe. */
  public static final class Builder {
    private final Inflow inflow;
    private IdentityResolver identityResolver = IdentityResolver.standard();
    private TenantKeys tenantKeys;
    private Optional<String> operatorSecret = Optional.empty();
    private Collection<String> allowedOrigins = List.of();
    private int maxRequestBytes = 64 * 1024;
    private byte[] csrfKey;

    private Builder(Inflow inflow) {
      this.inflow = Objects.requireNonNull(inflow, "inflow");
    }

    /** Who is signed in, from the host's login (default: {@link IdentityResolver#standard()}). */
    public Builder identityResolver(IdentityResolver identityResolver) {
      this.identityResolver = Objects.requireNonNull(identityResolver, "identityResolver");
      return this;
    }

    /**
     * Secrets that sign user tokens for cross-origin pages. Default: {@link TenantKeys#stored} —
     * the tenants created with the standalone server's CLI or the operator API, none until then.
     */
    public Builder tenantKeys(TenantKeys tenantKeys) {
      this.tenantKeys = Objects.requireNonNull(tenantKeys, "tenantKeys");
      return this;
    }

    /** Origins whose pages may call the API with tokens, e.g. {@code https://portal.example.com}, or {@code *}. */
    public Builder allowedOrigins(Collection<String> allowedOrigins) {
      for (String origin : allowedOrigins) {
        if (!origin.equals("*") && !origin.matches("https?://[^/\\s]+/?")) {
          throw new IllegalArgumentException("an allowed origin looks like https://host[:port] or is * (got '" + origin + "')");
        }
      }
      this.allowedOrigins = List.copyOf(allowedOrigins);
      return this;
    }

    /**
     * The credential of the operator API ({@code /api/v1/operator/tenants}), which creates tenants
     * and rotates their secrets: callers send {@code Authorization: Bearer <secret>}. Default: none,
     * the operator API is off.
     *
     * @param operatorSecret at least {@value TenantKeys#MIN_SECRET_BYTES} bytes
     */
    public Builder operatorSecret(String operatorSecret) {
      if (operatorSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < TenantKeys.MIN_SECRET_BYTES) {
        throw new IllegalArgumentException("operatorSecret must be at least " + TenantKeys.MIN_SECRET_BYTES
            + " bytes; generate one with: openssl rand -base64 48");
      }
      this.operatorSecret = Optional.of(operatorSecret);
      return this;
    }

    /** Largest request body accepted (default 64 KiB). */
    public Builder maxRequestBytes(int maxRequestBytes) {
      if (maxRequestBytes < 1024) {
        throw new IllegalArgumentException("maxRequestBytes must be at least 1024 (got " + maxRequestBytes + ")");
      }
      this.maxRequestBytes = maxRequestBytes;
      return this;
    }

    /**
     * Key of the CSRF tokens handed to same-origin pages. Several nodes behind one balancer
     * should share it; the default is random per start, so pages reload their token after a
     * restart (the widget does this by itself).
     */
    public Builder csrfKey(byte[] csrfKey) {
      if (csrfKey.length < 32) {
        throw new IllegalArgumentException("csrfKey must be at least 32 bytes");
      }
      this.csrfKey = csrfKey.clone();
      return this;
    }

    public InflowServlet build() {
      if (tenantKeys == null) {
        tenantKeys = TenantKeys.stored(inflow);
      }
      if (csrfKey == null) {
        csrfKey = new byte[32];
        new SecureRandom().nextBytes(csrfKey);
      }
      return new InflowServlet(this);
    }
  }
}
