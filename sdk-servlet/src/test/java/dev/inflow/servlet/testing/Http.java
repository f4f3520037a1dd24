package dev.inflow.servlet.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small HTTP client for API tests, with its own cookie jar (one browser, one user). Requests are
 * built fluently: {@code http.post("/inflow/api/v1/...").bearer(token).json("{...}").send()}.
 */
public final class Http {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String baseUrl;
  private final HttpClient client;

  public Http(String baseUrl) {
    this.baseUrl = baseUrl;
    this.client = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** Signs this client in through the host's login stand-in. */
  public Http login(String user, String... roles) {
    Response r = get("/login?user=" + user + (roles.length > 0 ? "&roles=" + String.join(",", roles) : "")).send();
    if (r.status() != 204) {
      throw new IllegalStateException("login failed: " + r.status());
    }
    return this;
  }

  public Request get(String path) {
    return new Request("GET", path);
  }

  public Request post(String path) {
    return new Request("POST", path);
  }

  public Request put(String path) {
    return new Request("PUT", path);
  }

  public Request patch(String path) {
    return new Request("PATCH", path);
  }

  public Request delete(String path) {
    return new Request("DELETE", path);
  }

  public Request request(String method, String path) {
    return new Request(method, path);
  }

  /** A response with its body parsed when it is JSON. */
  public record Response(int status, HttpResponse<byte[]> raw) {
    public JsonNode json() {
      try {
        return JSON.readTree(raw.body());
      } catch (IOException e) {
        throw new IllegalStateException("not JSON: " + text(), e);
      }
    }

    public String text() {
      return new String(raw.body(), StandardCharsets.UTF_8);
    }

    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
      return status + " " + text();
    }
  }

  public final class Request {
    private final String method;
    private final String path;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private byte[] body;

    Request(String method, String path) {
      this.method = method;
      this.path = path;
    }

    public Request header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    public Request bearer(String token) {
      return header("Authorization", "Bearer " + token);
    }

    /** Sends a JSON body with a same-origin Origin header, as the widget on the host's page would. */
    public Request json(String json) {
      headers.putIfAbsent("Content-Type", "application/json");
      body = json.getBytes(StandardCharsets.UTF_8);
      return this;
    }

    public Request body(String contentType, byte[] bytes) {
      headers.put("Content-Type", contentType);
      body = bytes;
      return this;
    }

    /** Marks the request as coming from a page of the host itself. */
    public Request sameOrigin() {
      return header("Origin", baseUrl);
    }

    public Response send() {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
      headers.forEach(b::header);
      b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
      try {
        HttpResponse<byte[]> raw = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Response(raw.statusCode(), raw);
      } catch (IOException e) {
        throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
