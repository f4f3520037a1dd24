package dev.inflow.core.xapi;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how learning activities go to a Learning Record Store as xAPI 1.0.3 statements.
 * Immutable; make one with {@link #builder(URI)}.
 *
 * <p>Each statement is written to an outbox in the same transaction as its activity and sent in
 * the background with {@code PUT {endpoint}/statements?statementId=...}; its id is fixed when the
 * activity is recorded, so a resend is idempotent. Failures the LRS may recover from (no answer,
 * timeouts, 5xx, 429) are retried with exponential backoff; after {@code maxAttempts} failed
 * sends, or at once for an answer retrying cannot change (other 4xx), the statement is
 * dead-lettered for an administrator to look at and retry.
 *
 * @param endpoint the LRS's xAPI base URL, e.g. {@code https://lrs.example.com/xapi/}
 * @param username HTTP Basic user, if the LRS needs credentials
 * @param password HTTP Basic password, with {@code username}
 * @param timeout how long one send may take, connecting included
 * @param maxAttempts sends before a statement is dead-lettered
 * @param baseUri the public URL of this Inflow: account home pages are {@code {baseUri}tenants/{tenant}}
 *     and activity ids start with it
 * @param platform the {@code context.platform} of every statement
 */
public record XapiSettings(URI endpoint, Optional<String> username, Optional<String> password, Duration timeout, int maxAttempts,
    URI baseUri, String platform) {

  public XapiSettings {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(baseUri, "baseUri");
    Objects.requireNonNull(platform, "platform");
  }

  /**
   * @param endpoint the LRS's xAPI base URL (http or https)
   * @return a builder with 10-second sends, 10 attempts, base URI {@code https://inflow.invalid/}
   */
  public static Builder builder(URI endpoint) {
    return new Builder(endpoint);
  }

  /** Builds {@link XapiSettings}; not thread-safe. {@link #build()} checks every value. */
  public static final class Builder {
    private final URI endpoint;
    private String username;
    private String password;
    private Duration timeout = Duration.ofSeconds(10);
    private int maxAttempts = 10;
    private URI baseUri = URI.create("https://inflow.invalid/");
    private String platform = "Inflow";

    private Builder(URI endpoint) {
      this.endpoint = endpoint;
    }

    /** HTTP Basic credentials of the LRS; both or neither. */
    public Builder credentials(String username, String password) {
      this.username = username;
      this.password = password;
      return this;
    }

    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** The public URL of this Inflow, e.g. {@code https://intranet.example.com/inflow/}. */
    public Builder baseUri(URI baseUri) {
      this.baseUri = baseUri;
      return this;
    }

    /** The {@code context.platform} of statements (default "Inflow"). */
    public Builder platform(String platform) {
      this.platform = platform;
      return this;
    }

    /** @throws IllegalArgumentException naming the value that is wrong and what would be right */
    public XapiSettings build() {
      if (endpoint == null || endpoint.getHost() == null || !("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))) {
        throw new IllegalArgumentException("endpoint must be the http(s) URL of the LRS, e.g. https://lrs.example.com/xapi/ (got " + endpoint + ")");
      }
      if ((username == null) != (password == null)) {
        throw new IllegalArgumentException("credentials need both a username and a password");
      }
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive (got " + timeout + ")");
      }
      if (maxAttempts < 1 || maxAttempts > 100) {
        throw new IllegalArgumentException("maxAttempts must be 1 to 100 (got " + maxAttempts + ")");
      }
      if (baseUri == null || !baseUri.isAbsolute() || !baseUri.toString().endsWith("/")) {
        throw new IllegalArgumentException("baseUri must be an absolute URL ending in '/', e.g. https://intranet.example.com/inflow/ (got " + baseUri + ")");
      }
      if (platform == null || platform.isBlank() || platform.length() > 100) {
        throw new IllegalArgumentException("platform must be 1 to 100 characters (got " + platform + ")");
      }
      URI base = endpoint.toString().endsWith("/") ? endpoint : URI.create(endpoint + "/");
      return new XapiSettings(base, Optional.ofNullable(username), Optional.ofNullable(password), timeout, maxAttempts, baseUri, platform.strip());
    }
  }
}
