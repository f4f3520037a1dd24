package dev.inflow.servlet.internal.http;

import dev.inflow.core.AccessDeniedException;
import dev.inflow.core.ConflictException;
import dev.inflow.core.FieldError;
import dev.inflow.core.InvalidInputException;
import dev.inflow.core.NotFoundException;
import dev.inflow.core.PreconditionFailedException;
import dev.inflow.core.RateLimitedException;
import dev.inflow.core.SignInRequiredException;
import dev.inflow.core.StorageUnavailableException;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The one place where failures become HTTP answers: {@code application/problem+json} (RFC 9457)
 * with {@code type}, {@code title}, {@code status}, {@code detail} and, for bad input, the
 * {@code errors} per field. Unexpected failures are logged with an incident id and answered
 * without internals.
 */
public final class Problems {
  public static final String TYPE_BASE = "https://inflow.dev/problems/";
  public static final String CONTENT_TYPE = "application/problem+json";
  private static final System.Logger LOG = System.getLogger(Problems.class.getName());

  private Problems() {}

  /** @return the reply for a failure thrown while handling a request */
  public static Reply of(Throwable failure) {
    if (failure instanceof HttpProblem p) {
      Reply reply = problem(p.status(), p.type(), p.title(), p.getMessage(), p.errors());
      for (var h : p.headers().entrySet()) {
        reply = reply.header(h.getKey(), h.getValue());
      }
      return reply;
    }
    if (failure instanceof InvalidInputException e) {
      return problem(400, "invalid-input", "Some fields are not valid", e.getMessage(), e.errors());
    }
    if (failure instanceof NotFoundException e) {
      return problem(404, "not-found", "Not found", e.getMessage(), List.of());
    }
    if (failure instanceof SignInRequiredException e) {
      return problem(401, "sign-in-required", "Sign in required", e.getMessage(), List.of())
          .header("WWW-Authenticate", "Bearer realm=\"inflow\"");
    }
    if (failure instanceof AccessDeniedException e) {
      return problem(403, "forbidden", "Not allowed", e.getMessage(), List.of());
    }
    if (failure instanceof ConflictException e) {
      return problem(409, "conflict", "Conflict", e.getMessage(), List.of());
    }
    if (failure instanceof PreconditionFailedException e) {
      return problem(412, "precondition-failed", "Changed by someone else", e.getMessage(), List.of())
          .header("ETag", "\"" + e.currentVersion() + "\"");
    }
    if (failure instanceof RateLimitedException e) {
      return problem(429, "rate-limited", "Too many requests", e.getMessage() + "; retry in " + e.retryAfter().getSeconds() + " s", List.of())
          .header("Retry-After", Long.toString(e.retryAfter().getSeconds()));
    }
    if (failure instanceof StorageUnavailableException e && e.storageFull()) {
      // 503 rather than WebDAV's 507: clients and proxies already know 503 + Retry-After as "try
      // again later", and the type tells an operator it is space, not a restart that passes by itself.
      // Two minutes, as freeing space takes a person; it is also above the Java client's default
      // maxRetryAfter (30 s), so the client reports the failure at once instead of blocking its
      // caller on retries that would fail the same way.
      LOG.log(Level.ERROR, "the database has no space left, writes are refused: " + rootMessage(e));
      return problem(503, "storage-full", "No space left for writes", e.getMessage(), List.of()).header("Retry-After", "120");
    }
    if (failure instanceof StorageUnavailableException e) {
      LOG.log(Level.WARNING, "database unavailable: " + rootMessage(e));
      return problem(503, "unavailable", "Temporarily unavailable", e.getMessage(), List.of()).header("Retry-After", "5");
    }
    String incident = UUID.randomUUID().toString().substring(0, 8);
    LOG.log(Level.ERROR, "incident " + incident + ": unexpected failure", failure);
    return problem(500, "internal", "Something went wrong on our side",
        "the request failed unexpectedly; nothing was changed. Incident " + incident + " is logged on the server.", List.of());
  }

  /** @return a problem reply */
  public static Reply problem(int status, String type, String title, String detail, List<FieldError> errors) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", TYPE_BASE + type);
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    if (!errors.isEmpty()) {
      body.put("errors", errors);
    }
    return new Reply(status, Map.of(), body, null, CONTENT_TYPE);
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}
