package dev.inflow.servlet.internal.http;

import dev.inflow.core.Caller;
import dev.inflow.core.internal.json.Json;
import dev.inflow.core.internal.limit.RateLimiter;
import dev.inflow.core.internal.metrics.Metrics;
import dev.inflow.servlet.internal.auth.Authenticator;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The way every request goes, once: CORS, routing, authentication, CSRF for cookie writes, read
 * limits, the handler, and errors mapped to problems. Handlers only translate HTTP to core calls.
 */
public final class RequestHandler {
  private final Router router;
  private final Authenticator authenticator;
  private final Cors cors;
  private final RateLimiter rateLimiter;
  private final Metrics metrics;
  private final int maxBodyBytes;
  private final LongSupplier livePosition;

  /**
   * @param livePosition the live hub's position, sent as {@code Inflow-Seq} with every API read
   *     (taken before the read), so a client can load a view and then subscribe from that point
   */
  public RequestHandler(Router router, Authenticator authenticator, Cors cors, RateLimiter rateLimiter, Metrics metrics, int maxBodyBytes,
      LongSupplier livePosition) {
    this.router = router;
    this.authenticator = authenticator;
    this.cors = cors;
    this.rateLimiter = rateLimiter;
    this.metrics = metrics;
    this.maxBodyBytes = maxBodyBytes;
    this.livePosition = livePosition;
  }

  public void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String path = Optional.ofNullable(request.getPathInfo()).orElse("/");
    String method = request.getMethod();
    String routeLabel = "unmatched";
    Reply reply;
    try {
      if (Cors.isPreflight(request)) {
        reply = cors.preflight(request, router.methodsFor(path));
      } else {
        Optional<Router.Match> match = router.match(method, path);
        if (match.isEmpty()) {
          reply = unmatched(method, path);
        } else {
          Route route = match.get().route();
          routeLabel = route.pattern();
          reply = dispatch(request, response, match.get(), route);
        }
      }
    } catch (Exception | StackOverflowError e) {
      reply = Problems.of(e);
    }
    // Counted before the answer leaves, so that a client reading /metrics next sees this request.
    metrics.increment("inflow_http_requests_total", "HTTP requests answered", "route", routeLabel, "method", method,
        "status", reply.isHandled() ? "handled" : Integer.toString(reply.status()));
    if (!reply.isHandled()) {
      Exchange.discardUnread(request);
    }
    write(request, response, reply, path);
  }

  private Reply dispatch(HttpServletRequest request, HttpServletResponse response, Router.Match match, Route route) throws Exception {
    if (route.access() != Route.Access.PUBLIC) {
      cors.apply(request, response);
    }
    if (route.access() == Route.Access.READ) {
      response.setHeader("Inflow-Seq", Long.toString(livePosition.getAsLong()));
    }
    Caller caller;
    if (route.access() == Route.Access.PUBLIC) {
      caller = Caller.anonymous(Caller.DEFAULT_TENANT);
    } else {
      Authenticator.Identity identity = authenticator.authenticate(request);
      caller = identity.caller();
      String origin = request.getHeader("Origin");
      if (identity.bearer() && origin != null && !Authenticator.isSameOrigin(origin, request.getHeader("Host"))
          && !cors.isAllowedFor(caller.tenantId(), origin)) {
        // Each tenant names the sites that may embed it; another tenant's site may not use its tokens.
        throw new HttpProblem(403, "origin-not-allowed", "Origin not allowed",
            "pages on " + origin + " may not use the tokens of tenant '" + caller.tenantId() + "'; add the origin to the tenant's allowed origins");
      }
      if (route.access() == Route.Access.WRITE) {
        authenticator.checkWrite(request, identity);
      } else {
        rateLimiter.acquireRead(caller, request.getRemoteAddr());
      }
    }
    return route.handler().handle(new Exchange(request, response, match.parameters(), caller, maxBodyBytes));
  }

  private Reply unmatched(String method, String path) {
    Set<String> allowed = router.methodsFor(path);
    if (allowed.isEmpty()) {
      return Problems.problem(404, "not-found", "Not found", "no such endpoint: " + path, List.of());
    }
    return Problems.problem(405, "method-not-allowed", "Method not allowed", method + " is not allowed on " + path, List.of())
        .header("Allow", String.join(", ", allowed));
  }

  private static void write(HttpServletRequest request, HttpServletResponse response, Reply reply, String path) throws IOException {
    if (reply.isHandled() || response.isCommitted()) {
      return;
    }
    response.setStatus(reply.status());
    response.setHeader("X-Content-Type-Options", "nosniff");
    if (path.startsWith("/api/")) {
      response.setHeader("Cache-Control", "no-store");
    }
    reply.headers().forEach(response::setHeader);
    byte[] body = reply.bytes() != null ? reply.bytes() : reply.json() != null ? Json.bytes(reply.json()) : null;
    if (body == null) {
      return;
    }
    response.setContentType(reply.contentType() + (reply.contentType().contains("charset") ? "" : "; charset=utf-8"));
    response.setContentLength(body.length);
    if (!"HEAD".equals(request.getMethod())) {
      try (OutputStream out = response.getOutputStream()) {
        out.write(body);
      }
    }
  }
}
