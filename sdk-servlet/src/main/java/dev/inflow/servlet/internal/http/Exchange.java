package dev.inflow.servlet.internal.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.inflow.core.Caller;
import dev.inflow.core.FieldError;
import dev.inflow.core.PageRequest;
import dev.inflow.core.internal.json.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * One API request as handlers see it: the caller, path and query parameters, headers and a JSON
 * body read with a size limit. Every way a request can be malformed ends in an
 * {@link HttpProblem} naming the field.
 */
public final class Exchange {
  private final HttpServletRequest request;
  private final HttpServletResponse response;
  private final Map<String, String> pathParameters;
  private final Caller caller;
  private final int maxBodyBytes;

  public Exchange(HttpServletRequest request, HttpServletResponse response, Map<String, String> pathParameters, Caller caller,
      int maxBodyBytes) {
    this.request = request;
    this.response = response;
    this.pathParameters = pathParameters;
    this.caller = caller;
    this.maxBodyBytes = maxBodyBytes;
  }

  public Caller caller() {
    return caller;
  }

  public HttpServletRequest request() {
    return request;
  }

  /** For handlers that take over the response (WebSocket upgrade, event streams); they answer {@link Reply#handled()}. */
  public HttpServletResponse response() {
    return response;
  }

  /** @return a path parameter of the route */
  public String path(String name) {
    String value = pathParameters.get(name);
    if (value == null) {
      throw new IllegalStateException("route has no path parameter " + name);
    }
    return value;
  }

  public Optional<String> query(String name) {
    return Optional.ofNullable(request.getParameter(name)).filter(v -> !v.isEmpty());
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(request.getHeader(name)).filter(v -> !v.isBlank());
  }

  /** @return {@code cursor} and {@code limit} from the query string */
  public PageRequest page(int defaultLimit) {
    int limit = defaultLimit;
    Optional<String> raw = query("limit");
    if (raw.isPresent()) {
      try {
        limit = Integer.parseInt(raw.get().strip());
      } catch (NumberFormatException e) {
        throw HttpProblem.badRequest("limit", "limit must be a whole number between 1 and " + PageRequest.MAX_LIMIT);
      }
    }
    return new PageRequest(query("cursor"), limit);
  }

  public Optional<String> idempotencyKey() {
    return header("Idempotency-Key").map(String::strip);
  }

  /**
   * @return the version named by {@code If-Match} ({@code "3"} or {@code W/"3"}); empty when the
   *     header is absent or {@code *}
   * @throws HttpProblem 412 when it names no version of ours (it cannot match)
   */
  public OptionalLong ifMatch() {
    Optional<String> header = header("If-Match").map(String::strip);
    if (header.isEmpty() || header.get().equals("*")) {
      return OptionalLong.empty();
    }
    String tag = header.get().replaceFirst("^W/", "");
    if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
      try {
        return OptionalLong.of(Long.parseLong(tag.substring(1, tag.length() - 1)));
      } catch (NumberFormatException e) {
        // falls through
      }
    }
    throw new HttpProblem(412, "precondition-failed", "Changed by someone else",
        "If-Match names no version of this resource; send the ETag you received");
  }

  /**
   * Reads the body as JSON into the type.
   *
   * @throws HttpProblem 415 for another content type, 413 for a body over the limit, 400 for
   *     malformed JSON or a field of the wrong type (naming the field)
   */
  public <T> T body(Class<T> type) throws IOException {
    String contentType = Optional.ofNullable(request.getContentType()).orElse("").toLowerCase(Locale.ROOT);
    if (!contentType.startsWith("application/json") && !contentType.startsWith("application/merge-patch+json")) {
      throw new HttpProblem(415, "unsupported-media-type", "Send JSON",
          "the body must be JSON with Content-Type: application/json (got '" + (contentType.isEmpty() ? "none" : contentType) + "')");
    }
    byte[] bytes = readLimited();
    if (bytes.length == 0) {
      throw HttpProblem.badRequest("$", "a JSON object is required");
    }
    try {
      T value = Json.MAPPER.readValue(bytes, type);
      if (value == null) {
        throw HttpProblem.badRequest("$", "a JSON object is required, not null");
      }
      return value;
    } catch (StreamConstraintsException e) {
      throw HttpProblem.badRequest("$", "the JSON is nested too deeply or holds a value that is too long");
    } catch (MismatchedInputException e) {
      String field = fieldOf(e);
      throw HttpProblem.badRequest(field, field.equals("$")
          ? "a JSON object is required"
          : field + " has the wrong type: " + expected(e));
    } catch (JsonParseException e) {
      throw HttpProblem.badRequest("$", "not valid JSON: " + e.getOriginalMessage()
          + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
    } catch (JsonMappingException e) {
      if (e.getCause() instanceof JsonParseException parse) {
        // A syntax error inside a field's value (a broken string, invalid UTF-8): name the field.
        throw HttpProblem.badRequest(fieldOf(e), "not valid JSON: " + parse.getOriginalMessage());
      }
      throw HttpProblem.badRequest(fieldOf(e), e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw HttpProblem.badRequest("$", "not valid JSON");
    }
  }

  /**
   * The body as a stream, for uploads larger than JSON requests may be (imports). Reading past
   * {@code maxBytes} fails with 413.
   *
   * @param contentTypes the media types accepted, e.g. {@code application/xml}
   * @throws HttpProblem 415 for another content type, 413 when the declared length is too large
   */
  public InputStream upload(long maxBytes, String... contentTypes) throws IOException {
    String contentType = Optional.ofNullable(request.getContentType()).orElse("").toLowerCase(Locale.ROOT);
    if (java.util.Arrays.stream(contentTypes).noneMatch(contentType::startsWith)) {
      throw new HttpProblem(415, "unsupported-media-type", "Unsupported content type",
          "the body must be sent with Content-Type: " + String.join(" or ", contentTypes) + " (got '"
          + (contentType.isEmpty() ? "none" : contentType) + "')");
    }
    HttpProblem tooLarge = new HttpProblem(413, "payload-too-large", "Request too large", "the upload is larger than "
        + (maxBytes / 1_048_576) + " MiB", List.of(new FieldError("$", "at most " + maxBytes + " bytes")), Map.of());
    if (request.getContentLengthLong() > maxBytes) {
      throw tooLarge;
    }
    InputStream in = request.getInputStream();
    return new java.io.FilterInputStream(in) {
      private long read;

      @Override
      public int read() throws IOException {
        int b = super.read();
        count(b < 0 ? 0 : 1);
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        count(Math.max(n, 0));
        return n;
      }

      private void count(int n) {
        read += n;
        if (read > maxBytes) {
          throw tooLarge;
        }
      }
    };
  }

  private byte[] readLimited() throws IOException {
    long declared = request.getContentLengthLong();
    try (InputStream in = request.getInputStream()) {
      if (declared > maxBodyBytes) {
        drain(in);
        throw tooLarge();
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.max(0, Math.min(declared, maxBodyBytes)));
      byte[] buffer = new byte[8192];
      int total = 0;
      for (int n; (n = in.read(buffer)) > 0; ) {
        total += n;
        if (total > maxBodyBytes) {
          drain(in);
          throw tooLarge();
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    }
  }

  /**
   * Reads and drops up to 1 MiB of a refused body, so that a client still sending it gets to read
   * the 413 instead of a reset connection; anything larger is cut off by the container.
   */
  static void drain(InputStream in) throws IOException {
    byte[] buffer = new byte[8192];
    long dropped = 0;
    for (int n; dropped < 1_048_576 && (n = in.read(buffer)) > 0; ) {
      dropped += n;
    }
  }

  /**
   * Drops what is left of a request body the handler did not read (an error answered before the
   * body was needed), so the connection can carry the client's next request.
   */
  static void discardUnread(HttpServletRequest request) {
    try {
      drain(request.getInputStream());
    } catch (IOException | IllegalStateException e) {
      // the body was read another way, or the client went away: nothing to keep the connection for
    }
  }

  private HttpProblem tooLarge() {
    return new HttpProblem(413, "payload-too-large", "Request too large",
        "the body is larger than " + (maxBodyBytes / 1024) + " KiB", List.of(new FieldError("$", "at most " + maxBodyBytes + " bytes")), Map.of());
  }

  private static String fieldOf(JsonMappingException e) {
    String field = e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
    return field.isEmpty() ? "$" : field;
  }

  private static String expected(MismatchedInputException e) {
    Class<?> target = e.getTargetType();
    if (target == null) {
      return "unexpected value";
    }
    if (target == String.class) {
      return "expected a string";
    }
    if (target == Integer.class || target == int.class || target == Long.class || target == long.class) {
      return "expected a whole number";
    }
    if (target == Boolean.class || target == boolean.class) {
      return "expected true or false";
    }
    if (List.class.isAssignableFrom(target)) {
      return "expected an array";
    }
    return "expected an object";
  }
}
