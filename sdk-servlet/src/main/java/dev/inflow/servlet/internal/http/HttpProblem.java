package dev.inflow.servlet.internal.http;

import dev.inflow.core.FieldError;
import java.util.List;
import java.util.Map;

/**
 * A problem found at the HTTP level (malformed JSON, wrong content type, oversized body, bad
 * token, cross-site write), answered as {@code application/problem+json}.
 */
public final class HttpProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String type;
  private final String title;
  private final transient List<FieldError> errors;
  private final transient Map<String, String> headers;

  public HttpProblem(int status, String type, String title, String detail, List<FieldError> errors, Map<String, String> headers) {
    super(detail);
    this.status = status;
    this.type = type;
    this.title = title;
    this.errors = List.copyOf(errors);
    this.headers = Map.copyOf(headers);
  }

  public HttpProblem(int status, String type, String title, String detail) {
    this(status, type, title, detail, List.of(), Map.of());
  }

  public static HttpProblem badRequest(String field, String message) {
    return new HttpProblem(400, "malformed-request", "The request could not be read", field + ": " + message,
        List.of(new FieldError(field, message)), Map.of());
  }

  public int status() {
    return status;
  }

  public String type() {
    return type;
  }

  public String title() {
    return title;
  }

  public List<FieldError> errors() {
    return errors;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
