package dev.inflow.servlet.internal.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.inflow.core.Caller;
import dev.inflow.core.InvalidInputException;
import dev.inflow.core.Role;
import dev.inflow.core.User;
import dev.inflow.servlet.TenantKeys;
import dev.inflow.servlet.internal.http.HttpProblem;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the user tokens hosts sign for their users: a JWT signed HS256 (and nothing else) with
 * the tenant's secret, {@code aud} naming the tenant, {@code exp} in the future but at most five
 * minutes ahead, {@code iat} not in the future, and {@code sub} naming the user. Claims
 * {@code name}, {@code avatar}, {@code roles} and {@code expertise} fill in the profile.
 *
 * <p>A widget sends the same token with every call until it signs a new one, so a verified token
 * is remembered (by its whole text, signature included) with the secret that verified it: while it
 * has not expired and that secret is still one of its tenant's, it names the same caller without
 * parsing and hashing it again. A rotated-out secret ends its tokens at once, as before.
 *
 * <p>Thread-safe.
 */
public final class TokenVerifier {
  /** Tokens live at most this long, so a leaked token is soon useless. */
  public static final Duration MAX_LIFETIME = Duration.ofMinutes(5);
  /** Tolerated difference between the host's clock and ours. */
  static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
  private final TenantKeys keys;
  private final Clock clock;

  private record Verified(Caller caller, Instant expires, byte[] secret) {}

  private final Cache<String, Verified> verified = Caffeine.newBuilder()
      .maximumSize(20_000)
      .expireAfterWrite(MAX_LIFETIME.plus(CLOCK_SKEW))
      .build();

  public TokenVerifier(TenantKeys keys, Clock clock) {
    this.keys = keys;
    this.clock = clock;
  }

  /**
   * @return the caller the token names
   * @throws HttpProblem 401 saying what is wrong with the token
   */
  public Caller verify(String token) {
    Verified known = verified.getIfPresent(token);
    if (known != null && known.expires().isAfter(clock.instant().minus(CLOCK_SKEW))
        && keys.secrets(known.caller().tenantId()).stream().anyMatch(s -> Arrays.equals(s, known.secret()))) {
      return known.caller();
    }
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(token);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw invalid("the bearer token is not a signed JWT");
    }
    if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
      throw invalid("the bearer token must be signed with HS256 (got " + jwt.getHeader().getAlgorithm() + ")");
    }
    List<String> audience = claims.getAudience();
    if (audience == null || audience.size() != 1) {
      throw invalid("the bearer token must name exactly one tenant in 'aud'");
    }
    String tenant = audience.get(0);
    List<byte[]> secrets = keys.secrets(tenant);
    byte[] secret = verifiedByAny(jwt, secrets);
    if (secret == null) {
      throw invalid("the bearer token's signature does not match a secret of tenant '" + abbreviate(tenant) + "'");
    }
    Instant now = clock.instant();
    Instant expires = Optional.ofNullable(claims.getExpirationTime()).map(java.util.Date::toInstant)
        .orElseThrow(() -> invalid("the bearer token has no 'exp'"));
    Instant issued = Optional.ofNullable(claims.getIssueTime()).map(java.util.Date::toInstant)
        .orElseThrow(() -> invalid("the bearer token has no 'iat'"));
    if (!expires.isAfter(now.minus(CLOCK_SKEW))) {
      throw invalid("the bearer token has expired; sign a new one");
    }
    if (expires.isAfter(now.plus(MAX_LIFETIME).plus(CLOCK_SKEW))) {
      throw invalid("the bearer token's 'exp' is more than 5 minutes ahead; sign short-lived tokens");
    }
    if (issued.isAfter(now.plus(CLOCK_SKEW))) {
      throw invalid("the bearer token's 'iat' is in the future; check the signing host's clock");
    }
    try {
      User user = User.builder(Optional.ofNullable(claims.getSubject()).orElseThrow(() -> invalid("the bearer token has no 'sub'")))
          .name(claims.getStringClaim("name"))
          .avatarUrl(claims.getStringClaim("avatar"))
          .roles(strings(claims.getClaim("roles")).stream().map(Role::fromWireName).flatMap(Optional::stream).toList())
          .expertise(strings(claims.getClaim("expertise")))
          .build();
      Caller caller = Caller.of(tenant, user);
      verified.put(token, new Verified(caller, expires, secret));
      return caller;
    } catch (ParseException e) {
      throw invalid("the bearer token's 'name' and 'avatar' must be strings");
    } catch (InvalidInputException e) {
      throw invalid("the bearer token's claims are not valid: " + e.getMessage());
    }
  }

  /** @return the secret that verifies the signature, or null */
  private static byte[] verifiedByAny(SignedJWT jwt, List<byte[]> secrets) {
    for (byte[] secret : secrets) {
      try {
        if (jwt.verify(new MACVerifier(secret))) {
          return secret;
        }
      } catch (JOSEException e) {
        // a secret too short for HS256 verifies nothing; try the next one
      }
    }
    return null;
  }

  private static List<String> strings(Object claim) {
    if (claim == null) {
      return List.of();
    }
    if (claim instanceof String s) {
      return Arrays.stream(s.split("[,\\s]+")).filter(x -> !x.isEmpty()).toList();
    }
    if (claim instanceof Collection<?> c) {
      List<String> out = new ArrayList<>();
      c.forEach(x -> {
        if (x instanceof String s) {
          out.add(s);
        }
      });
      return out;
    }
    throw invalid("the bearer token's 'roles' and 'expertise' must be arrays of strings");
  }

  private static String abbreviate(String s) {
    return s.length() > 63 ? s.substring(0, 63) + "…" : s;
  }

  static HttpProblem invalid(String detail) {
    return new HttpProblem(401, "invalid-token", "Invalid token", detail, List.of(),
        Map.of("WWW-Authenticate", "Bearer realm=\"inflow\", error=\"invalid_token\""));
  }
}
