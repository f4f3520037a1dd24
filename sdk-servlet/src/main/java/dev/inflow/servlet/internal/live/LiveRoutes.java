package dev.inflow.servlet.internal.live;

import dev.inflow.core.Caller;
import dev.inflow.core.Inflow;
import dev.inflow.core.event.internal.EventHub;
import dev.inflow.core.event.internal.LiveTickets;
import dev.inflow.core.internal.Platform;
import dev.inflow.core.internal.Threads;
import dev.inflow.core.internal.limit.RateLimiter;
import dev.inflow.core.target.internal.TargetKeys;
import dev.inflow.servlet.internal.auth.Authenticator;
import dev.inflow.servlet.internal.http.Cors;
import dev.inflow.servlet.internal.http.Exchange;
import dev.inflow.servlet.internal.http.HttpProblem;
import dev.inflow.servlet.internal.http.Reply;
import dev.inflow.servlet.internal.http.Route.Access;
import dev.inflow.servlet.internal.http.Router;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The live channel's HTTP side: tickets ({@code POST /api/v1/live/tickets}), the WebSocket upgrade
 * ({@code GET /live}) and the Server-Sent Events fallback ({@code GET /live/sse}). The upgrade is
 * done by this servlet (Jakarta WebSocket 2.1 {@code upgradeHttpToWebSocket}) so that a foreign
 * Origin or a bad ticket gets a proper HTTP problem and no connection at all.
 */
public final class LiveRoutes implements AutoCloseable {
  private static final String SERVER_CONTAINER = "jakarta.websocket.server.ServerContainer";
  private final Platform platform;
  private final LiveTopics topics;
  private final Authenticator authenticator;
  private final Cors cors;
  /** Open connections, so that a stopping server can tell clients to go elsewhere at once. */
  private final java.util.Set<LiveTransport> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> Threads.daemon("inflow-live-timers", r));

  private LiveRoutes(Inflow inflow, LiveTopics topics, Authenticator authenticator, Cors cors) {
    this.platform = inflow.platform();
    this.topics = topics;
    this.authenticator = authenticator;
    this.cors = cors;
  }

  /** Registers the routes and the {@code target:{key}} topic; returns the routes for shutdown. */
  public static LiveRoutes register(Router router, Inflow inflow, LiveTopics topics, Authenticator authenticator, Cors cors) {
    LiveRoutes r = new LiveRoutes(inflow, topics, authenticator, cors);
    topics.register("target", (caller, name, key) -> {
      TargetKeys.requireValid("topics", key);
      inflow.platform().requireReadable(caller, key, "target " + key);
      return new LiveTopics.Resolved(name, "target:" + key,
          event -> inflow.accessPolicy().canRead(caller, event.targetKey().orElse(key)));
    });
    router.add("POST", "/api/v1/live/tickets", Access.WRITE, r::ticket)
        .add("GET", "/live", Access.PUBLIC, r::upgrade)
        .add("GET", "/live/sse", Access.PUBLIC, r::sse);
    return r;
  }

  private Reply ticket(Exchange ex) {
    LiveTickets.Ticket ticket = platform.tickets().issue(ex.caller());
    return Reply.json(201, Map.of("ticket", ticket.ticket(), "expiresAt", ticket.expiresAt()));
  }

  private Reply upgrade(Exchange ex) throws Exception {
    HttpServletRequest request = ex.request();
    if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
      throw new HttpProblem(426, "upgrade-required", "WebSocket required",
          "connect with a WebSocket client, or use GET /inflow/live/sse for Server-Sent Events");
    }
    Caller caller = authenticate(request);
    Object container = request.getServletContext().getAttribute(SERVER_CONTAINER);
    if (!(container instanceof ServerContainer serverContainer)) {
      throw new HttpProblem(501, "websocket-unavailable", "WebSocket not available",
          "this container has no WebSocket support enabled; use GET /inflow/live/sse");
    }
    LiveEndpoint endpoint = new LiveEndpoint(caller, topics, platform.hub(), timers, open);
    ServerEndpointConfig config = ServerEndpointConfig.Builder.create(LiveEndpoint.class, request.getRequestURI())
        .configurator(new ServerEndpointConfig.Configurator() {
          @Override
          public <T> T getEndpointInstance(Class<T> endpointClass) {
            return endpointClass.cast(endpoint);
          }

          @Override
          public boolean checkOrigin(String originHeaderValue) {
            return true;
          }
        })
        .build();
    serverContainer.upgradeHttpToWebSocket(request, ex.response(), config, Map.of());
    platform.metrics().increment("inflow_live_connections_total", "Live connections opened", "transport", "websocket");
    return Reply.handled();
  }

  private Reply sse(Exchange ex) throws IOException {
    HttpServletRequest request = ex.request();
    Caller caller = authenticate(request);
    List<String> names = ex.query("topics").map(t -> Arrays.stream(t.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
        .orElseThrow(() -> HttpProblem.badRequest("topics", "topics is required: a comma-separated list such as target:order:4711"));
    OptionalLong since = since(ex);
    HttpServletResponse response = ex.response();
    response.setStatus(200);
    response.setContentType("text/event-stream; charset=utf-8");
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("X-Accel-Buffering", "no");
    cors.apply(request, response);
    AsyncContext async = request.startAsync();
    async.setTimeout(0);
    SseTransport transport = new SseTransport(async);
    LiveSession session = new LiveSession(caller, topics, platform.hub(), transport);
    ScheduledFuture<?> heartbeat = timers.scheduleAtFixedRate(transport::heartbeat, 20, 20, TimeUnit.SECONDS);
    open.add(transport);
    Runnable end = () -> {
      open.remove(transport);
      heartbeat.cancel(false);
      session.close();
    };
    async.addListener(new AsyncListener() {
      @Override
      public void onComplete(AsyncEvent event) {
        end.run();
      }

      @Override
      public void onTimeout(AsyncEvent event) {
        transport.close(1000, "timeout");
      }

      @Override
      public void onError(AsyncEvent event) {
        transport.close(1011, "error");
      }

      @Override
      public void onStartAsync(AsyncEvent event) {
        // not restarted
      }
    });
    transport.start(end);
    response.flushBuffer();
    session.subscribe(names, since);
    platform.metrics().increment("inflow_live_connections_total", "Live connections opened", "transport", "sse");
    return Reply.handled();
  }

  /**
   * Who opens the channel: a single-use ticket, a bearer token, or the host's login. Browsers must
   * come from this site or an allowed origin, whatever the credentials, so that no other site can
   * ride on a user's cookies (cross-site WebSocket hijacking).
   */
  private Caller authenticate(HttpServletRequest request) {
    String origin = request.getHeader("Origin");
    if (origin != null && !Authenticator.isSameOrigin(origin, request.getHeader("Host")) && !cors.isAllowed(origin)) {
      throw new HttpProblem(403, "origin-not-allowed", "Origin not allowed", "pages on " + origin + " may not open the live channel");
    }
    String ticket = request.getParameter("ticket");
    Caller caller;
    if (ticket != null && !ticket.isBlank()) {
      caller = platform.tickets().redeem(ticket).orElseThrow(() -> new HttpProblem(401, "invalid-ticket", "Invalid ticket",
          "the ticket is unknown, used or expired; get a new one with POST /api/v1/live/tickets"));
    } else {
      caller = authenticator.authenticate(request).caller();
    }
    if (origin != null && !Authenticator.isSameOrigin(origin, request.getHeader("Host")) && !cors.isAllowedFor(caller.tenantId(), origin)) {
      throw new HttpProblem(403, "origin-not-allowed", "Origin not allowed",
          "pages on " + origin + " may not open the live channel of tenant '" + caller.tenantId() + "'");
    }
    RateLimiter limiter = platform.rateLimiter();
    limiter.acquireRead(caller, request.getRemoteAddr());
    return caller;
  }

  private static OptionalLong since(Exchange ex) {
    Optional<String> raw = ex.header("Last-Event-ID").or(() -> ex.query("since"));
    if (raw.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(raw.get().strip()));
    } catch (NumberFormatException e) {
      throw HttpProblem.badRequest("since", "since (or Last-Event-ID) is the sequence number of the last event received");
    }
  }

  /** Closes every open live connection with 1001 (going away); clients reconnect and resume elsewhere. */
  public void closeConnections() {
    for (LiveTransport transport : java.util.List.copyOf(open)) {
      transport.close(1001, "server stopping; reconnect");
    }
  }

  @Override
  public void close() {
    closeConnections();
    timers.shutdownNow();
  }
}
