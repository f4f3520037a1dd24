package dev.inflow.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inflow.client.ConflictException;
import dev.inflow.client.FieldError;
import dev.inflow.client.ForbiddenException;
import dev.inflow.client.InflowApiException;
import dev.inflow.client.InvalidRequestException;
import dev.inflow.client.NotFoundException;
import dev.inflow.client.PayloadTooLargeException;
import dev.inflow.client.PreconditionFailedException;
import dev.inflow.client.Problem;
import dev.inflow.client.RateLimitedException;
import dev.inflow.client.ServerException;
import dev.inflow.client.ServiceUnavailableException;
import dev.inflow.client.UnauthorizedException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one place where error answers become typed exceptions. The server answers problem+json; a
 * proxy, gateway or misrouted base URL may answer anything (an HTML page, plain text, nothing),
 * and that still becomes the exception for its status, with a problem filled in that says what
 * arrived. No parse failure escapes from here.
 */
final class ErrorAnswers {
  /** Enough of an error body to show; the rest of a large HTML page says nothing more. */
  static final int MAX_ERROR_BODY = 64 * 1024;
  private static final int SNIPPET_CHARS = 200;
  private static final Map<Integer, String> REASONS = Map.ofEntries(
      Map.entry(301, "Moved Permanently"), Map.entry(302, "Found"), Map.entry(303, "See Other"),
      Map.entry(307, "Temporary Redirect"), Map.entry(308, "Permanent Redirect"),
      Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
      Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(406, "Not Acceptable"),
      Map.entry(409, "Conflict"), Map.entry(412, "Precondition Failed"), Map.entry(413, "Content Too Large"),
      Map.entry(415, "Unsupported Media Type"), Map.entry(422, "Unprocessable Content"), Map.entry(429, "Too Many Requests"),
      Map.entry(500, "Internal Server Error"), Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"),
      Map.entry(504, "Gateway Timeout"));

  private ErrorAnswers() {}

  /** What the transport read of an error answer. */
  record Answer(int status, String reason, String contentType, byte[] body, Optional<String> etag, Optional<String> retryAfter,
      Optional<String> location) {}

  /**
   * @param where the call and attempt, e.g. {@code POST /inflow/api/v1/targets/x/comments (attempt 2)}
   * @return the exception for the answer
   */
  static InflowApiException toException(String where, Answer answer, Instant now) {
    Problem problem = problem(answer);
    int status = answer.status();
    String message = where + " answered " + status + " " + problem.title() + problem.detail().map(d -> ": " + d).orElse("");
    Optional<Duration> retryAfter = RetryPolicy.parseRetryAfter(answer.retryAfter().orElse(null), now);
    return switch (status) {
      case 400, 422 -> new InvalidRequestException(message, status, problem);
      case 401 -> new UnauthorizedException(message, status, problem);
      case 403 -> new ForbiddenException(message, status, problem);
      case 404 -> new NotFoundException(message, status, problem);
      case 409 -> new ConflictException(message, status, problem);
      case 412 -> new PreconditionFailedException(message, status, problem, answer.etag());
      case 413 -> new PayloadTooLargeException(message, status, problem);
      case 429 -> new RateLimitedException(message, status, problem, retryAfter);
      case 503 -> new ServiceUnavailableException(message, status, problem, retryAfter);
      default -> status >= 500 ? new ServerException(message, status, problem) : new InflowApiException(message, status, problem, null);
    };
  }

  /** @return the problem the answer holds, or one that describes what arrived instead */
  static Problem problem(Answer answer) {
    String reason = answer.reason().isBlank() ? REASONS.getOrDefault(answer.status(), "HTTP " + answer.status()) : answer.reason();
    String type = answer.contentType().toLowerCase(Locale.ROOT);
    if (type.contains("json") && answer.body().length > 0) {
      try {
        JsonNode node = Json.parse(answer.body());
        if (node.isObject() && (node.has("title") || node.has("type") || node.has("detail"))) {
          return fromDocument(node, answer.status(), reason);
        }
      } catch (Json.Malformed e) {
        // described below like any other body that is not a problem document
      }
    }
    return new Problem(Problem.ABOUT_BLANK, reason, answer.status(), Optional.of(describe(answer)), List.of());
  }

  /** Lenient on purpose: a problem with a missing or odd field still says more than none. */
  private static Problem fromDocument(JsonNode node, int status, String reason) {
    String type = textual(node.get("type")).orElse(Problem.ABOUT_BLANK);
    String title = textual(node.get("title")).filter(t -> !t.isBlank()).orElse(reason);
    int stated = node.path("status").canConvertToInt() && node.path("status").isIntegralNumber() ? node.path("status").asInt() : status;
    List<FieldError> errors = new ArrayList<>();
    JsonNode list = node.get("errors");
    if (list != null && list.isArray()) {
      for (JsonNode e : list) {
        Optional<String> field = textual(e.get("field"));
        Optional<String> message = textual(e.get("message"));
        if (field.isPresent() || message.isPresent()) {
          errors.add(new FieldError(field.orElse("$"), message.orElse("")));
        }
      }
    }
    return new Problem(type, title, stated, textual(node.get("detail")), errors);
  }

  private static Optional<String> textual(JsonNode node) {
    return node != null && node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
  }

  private static String describe(Answer answer) {
    String what = answer.contentType().isBlank() ? "no content type" : answer.contentType().split(";")[0].strip();
    StringBuilder out = new StringBuilder("the answer was not a problem document");
    if (answer.status() >= 300 && answer.status() < 400) {
      out.append("; it redirects to ").append(answer.location().orElse("nowhere"))
          .append(" (a login page or proxy in front of Inflow? the base URL must point at Inflow itself)");
      return out.toString();
    }
    if (answer.body().length == 0) {
      return out.append(" but empty (").append(what).append(')').toString();
    }
    return out.append(" but ").append(what).append(": ").append(snippet(answer.body(), what.contains("html"))).toString();
  }

  /** @return the start of a body as one line of text, markup stripped, for messages */
  static String snippet(byte[] body, boolean html) {
    String text = new String(body, 0, Math.min(body.length, MAX_ERROR_BODY), StandardCharsets.UTF_8);
    if (html) {
      text = text.replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", " ").replaceAll("<[^>]*>", " ");
    }
    text = text.replaceAll("\\s+", " ").strip();
    return text.length() > SNIPPET_CHARS ? text.substring(0, SNIPPET_CHARS) + "…" : text;
  }
}
