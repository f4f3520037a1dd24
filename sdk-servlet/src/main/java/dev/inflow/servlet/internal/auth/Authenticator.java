package dev.inflow.servlet.internal.auth;

import dev.inflow.core.Caller;
import dev.inflow.core.StorageUnavailableException;
import dev.inflow.core.User;
import dev.inflow.core.user.Users;
import dev.inflow.core.spi.IdentityResolver;
import dev.inflow.servlet.internal.http.HttpProblem;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Works out who sends a request (a bearer token, else the host's login) and guards writes made
 * with the host's cookies against cross-site request forgery.
 *
 * <p>Thread-safe.
 */
public final class Authenticator {
  /** The header the widget sends with cookie-authenticated writes; its value comes from {@code GET /api/v1/me}. */
  public static final String CSRF_HEADER = "X-CSRF-Token";

  /**
   * Who sent a request and how.
   *
   * @param caller the caller
   * @param bearer true when a bearer token said so (no cookies involved, so no CSRF risk)
   */
  public record Identity(Caller caller, boolean bearer) {}

  private static final System.Logger LOG = System.getLogger(Authenticator.class.getName());
  private final IdentityResolver identityResolver;
  private final TokenVerifier tokens;
  private final Users users;
  private final byte[] csrfKey;

  public Authenticator(IdentityResolver identityResolver, TokenVerifier tokens, Users users, byte[] csrfKey) {
    this.identityResolver = identityResolver;
    this.tokens = tokens;
    this.users = users;
    this.csrfKey = csrfKey.clone();
  }

  /** @throws HttpProblem 401 for a bad or unsupported Authorization header */
  public Identity authenticate(HttpServletRequest request) {
    String authorization = request.getHeader("Authorization");
    Identity identity;
    if (authorization != null && !authorization.isBlank()) {
      if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
        throw TokenVerifier.invalid("only 'Authorization: Bearer <token>' is accepted");
      }
      identity = new Identity(tokens.verify(authorization.substring(7).strip()), true);
    } else {
      identity = new Identity(identityResolver.resolve(new ServletHostRequest(request)), false);
    }
    identity.caller().user().ifPresent(user -> remember(identity.caller().tenantId(), user));
    return identity;
  }

  /**
   * Refreshes the caller's stored profile. When the database takes no writes (read-only after a
   * fail-over, disk full) reads must still be served: the profile is refreshed on a later request,
   * and a write fails on its own with 503.
   */
  private void remember(String tenantId, User user) {
    try {
      users.remember(tenantId, user);
    } catch (StorageUnavailableException e) {
      LOG.log(Level.DEBUG, "profile of the caller not refreshed, the database takes no writes: {0}", e.getMessage());
    }
  }

  /**
   * Lets a write through when it cannot be forged: it carries a bearer token, or comes from the
   * same origin (by {@code Sec-Fetch-Site} or {@code Origin}), or carries the CSRF token.
   *
   * @throws HttpProblem 403 otherwise
   */
  public void checkWrite(HttpServletRequest request, Identity identity) {
    if (identity.bearer() || !identity.caller().signedIn()) {
      return;
    }
    String fetchSite = Optional.ofNullable(request.getHeader("Sec-Fetch-Site")).orElse("").toLowerCase(Locale.ROOT);
    String origin = request.getHeader("Origin");
    boolean sameOrigin = fetchSite.equals("same-origin")
        || (fetchSite.isEmpty() && origin != null && isSameOrigin(origin, request.getHeader("Host")));
    if (sameOrigin || validCsrfToken(request.getHeader(CSRF_HEADER), identity.caller())) {
      return;
    }
    throw new HttpProblem(403, "csrf", "Cross-site request refused",
        "writes signed in with cookies must come from this site or carry the " + CSRF_HEADER + " header from GET /api/v1/me");
  }

  /** @return the CSRF token of a signed-in caller, stable for the life of this server */
  public String csrfToken(Caller caller) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(csrfKey, "HmacSHA256"));
      byte[] digest = mac.doFinal((caller.tenantId() + "\u001F" + caller.userId().orElse("")).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
    }
  }

  private boolean validCsrfToken(String token, Caller caller) {
    return token != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), csrfToken(caller).getBytes(StandardCharsets.UTF_8));
  }

  /** @return whether the Origin names the host the request was sent to (default ports made explicit) */
  public static boolean isSameOrigin(String origin, String hostHeader) {
    if (hostHeader == null || origin.equals("null")) {
      return false;
    }
    try {
      URI uri = URI.create(origin);
      if (uri.getHost() == null) {
        return false;
      }
      int port = uri.getPort() != -1 ? uri.getPort() : ("https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
      String host = hostHeader.strip().toLowerCase(Locale.ROOT);
      String expected = uri.getHost().toLowerCase(Locale.ROOT);
      if (host.equals(expected + ":" + port)) {
        return true;
      }
      return host.equals(expected) && (port == 80 || port == 443);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
