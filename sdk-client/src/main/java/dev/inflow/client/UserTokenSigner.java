package dev.inflow.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs the short-lived user tokens Inflow accepts in {@code Authorization: Bearer}: a JWT signed
 * HS256 with the tenant's secret, carrying {@code sub}, {@code name}, {@code aud} (the tenant),
 * {@code iat}, {@code exp} and, when set, {@code roles}, {@code expertise} and {@code avatar}.
 * Only the JDK and Jackson are used.
 *
 * <pre>{@code
 * UserTokenSigner signer = UserTokenSigner.builder()
 *     .tenant("default")
 *     .secret(System.getenv("INFLOW_TOKEN_SECRET"))
 *     .build();
 * String token = signer.sign(TokenUser.of("ana", "Ana Lima").withRoles("moderator"));
 * }</pre>
 *
 * <p>Sign a token per request (or let {@link InflowClient.Builder#tokenSupplier} do it): tokens
 * expire after {@link #lifetime()}, at most {@link #MAX_LIFETIME}, so that a leaked one is soon
 * useless. Keep the secret on the server side; browsers get tokens, never the secret.
 *
 * <p>Thread-safe.
 */
public final class UserTokenSigner {
  /** The longest lifetime the server accepts. */
  public static final Duration MAX_LIFETIME = Duration.ofMinutes(5);
  /** The shortest secret accepted: HS256 needs 256 bits. */
  public static final int MIN_SECRET_BYTES = 32;
  private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HEADER = base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.US_ASCII));

  private final String tenant;
  private final byte[] secret;
  private final Duration lifetime;
  private final Clock clock;

  private UserTokenSigner(Builder b) {
    this.tenant = b.tenant;
    this.secret = b.secret.clone();
    this.lifetime = b.lifetime;
    this.clock = b.clock;
  }

  /** @return a builder; the secret is required */
  public static Builder builder() {
    return new Builder();
  }

  /** @return a token for the user, valid from now for {@link #lifetime()} */
  public String sign(TokenUser user) {
    Objects.requireNonNull(user, "user");
    Instant now = clock.instant();
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("sub", user.id());
    claims.put("name", user.name());
    claims.put("aud", tenant);
    claims.put("iat", now.getEpochSecond());
    claims.put("exp", now.plus(lifetime).getEpochSecond());
    if (!user.roles().isEmpty()) {
      claims.put("roles", user.roles());
    }
    if (!user.expertise().isEmpty()) {
      claims.put("expertise", user.expertise());
    }
    user.avatarUrl().ifPresent(avatar -> claims.put("avatar", avatar));
    String signingInput;
    try {
      signingInput = HEADER + "." + base64Url(JSON.writeValueAsBytes(claims));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the token's claims as JSON", e);
    }
    return signingInput + "." + base64Url(hmac(signingInput.getBytes(StandardCharsets.US_ASCII)));
  }

  /** @return a token for a member with this id and display name */
  public String sign(String userId, String name) {
    return sign(TokenUser.of(userId, name));
  }

  /** @return the tenant the tokens are for (their {@code aud}) */
  public String tenant() {
    return tenant;
  }

  /** @return how long each token is valid */
  public Duration lifetime() {
    return lifetime;
  }

  @Override
  public String toString() {
    return "UserTokenSigner[tenant=" + tenant + ", lifetime=" + lifetime + "]";
  }

  private byte[] hmac(byte[] input) {
    try {
      // A Mac is not thread-safe; a new one per token keeps the signer shareable.
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  private static String base64Url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Builds a {@link UserTokenSigner}; not thread-safe. */
  public static final class Builder {
    private String tenant = "default";
    private byte[] secret;
    private Duration lifetime = MAX_LIFETIME;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * The tenant the tokens are for (default {@code default}, the tenant of single-tenant hosts).
     *
     * @throws IllegalArgumentException unless 1 to 63 lower-case letters, digits, '-' or '_', starting with a letter or digit
     */
    public Builder tenant(String tenant) {
      Objects.requireNonNull(tenant, "tenant");
      if (!TENANT.matcher(tenant).matches()) {
        throw new IllegalArgumentException("tenant must be 1 to 63 lower-case letters, digits, '-' or '_', starting with a letter or digit (got '"
            + tenant + "')");
      }
      this.tenant = tenant;
      return this;
    }

    /**
     * The tenant's secret as the server has it (e.g. {@code INFLOW_TOKEN_SECRET}), as UTF-8.
     *
     * @throws IllegalArgumentException when shorter than {@value UserTokenSigner#MIN_SECRET_BYTES} bytes
     */
    public Builder secret(String secret) {
      return secret(Objects.requireNonNull(secret, "secret").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The tenant's secret as bytes; copied.
     *
     * @throws IllegalArgumentException when shorter than {@value UserTokenSigner#MIN_SECRET_BYTES} bytes
     */
    public Builder secret(byte[] secret) {
      Objects.requireNonNull(secret, "secret");
      if (secret.length < MIN_SECRET_BYTES) {
        throw new IllegalArgumentException("secret must be at least " + MIN_SECRET_BYTES + " bytes for HS256 (got " + secret.length
            + "); generate one with: openssl rand -base64 48");
      }
      this.secret = secret.clone();
      return this;
    }

    /**
     * How long each token is valid (default and maximum 5 minutes).
     *
     * @throws IllegalArgumentException unless between 1 second and {@link UserTokenSigner#MAX_LIFETIME}
     */
    public Builder lifetime(Duration lifetime) {
      Objects.requireNonNull(lifetime, "lifetime");
      if (lifetime.compareTo(Duration.ofSeconds(1)) < 0 || lifetime.compareTo(MAX_LIFETIME) > 0) {
        throw new IllegalArgumentException("lifetime must be between 1 second and 5 minutes, the most the server accepts (got "
            + lifetime + ")");
      }
      this.lifetime = lifetime;
      return this;
    }

    /** Where {@code iat} and {@code exp} come from (default: the system clock, UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * @return the signer
     * @throws IllegalStateException when no secret was set
     */
    public UserTokenSigner build() {
      if (secret == null) {
        throw new IllegalStateException("secret is required: the token secret the server has for tenant '" + tenant + "'");
      }
      return new UserTokenSigner(this);
    }
  }
}
