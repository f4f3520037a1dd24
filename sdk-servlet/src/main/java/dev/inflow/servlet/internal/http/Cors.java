package dev.inflow.servlet.internal.http;

import dev.inflow.core.tenant.Tenants;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Cross-origin access for pages on the allowed origins. Credentials (cookies) are never allowed
 * cross-origin: other sites authenticate with bearer tokens, so a foreign page can never write
 * with a user's cookies. Origins come from the servlet's settings (for every tenant) and from each
 * tenant's stored list.
 */
public final class Cors {
  static final String ALLOWED_HEADERS = "Authorization, Content-Type, If-Match, Idempotency-Key, Last-Event-ID, X-CSRF-Token";
  static final String EXPOSED_HEADERS = "ETag, Location, Retry-After, Idempotent-Replayed, Inflow-Seq";
  private final Set<String> origins;
  private final boolean anyOrigin;
  private final Tenants tenants;

  /**
   * @param allowedOrigins origins such as {@code https://portal.example.com}, or {@code *} for any, for every tenant
   * @param tenants the tenants' own allowed origins
   */
  public Cors(Collection<String> allowedOrigins, Tenants tenants) {
    this.origins = allowedOrigins.stream().map(Cors::normalise).collect(Collectors.toUnmodifiableSet());
    this.anyOrigin = origins.contains("*");
    this.tenants = tenants;
  }

  /**
   * @return whether pages on this origin may call the API and open the live channel for some
   *     tenant (a preflight carries no token, so it cannot say which)
   */
  public boolean isAllowed(String origin) {
    return origin != null && (anyOrigin || origins.contains(normalise(origin)) || tenants.isOriginAllowedForAnyTenant(origin));
  }

  /** @return whether pages on this origin may use the tenant's tokens */
  public boolean isAllowedFor(String tenantId, String origin) {
    return origin != null && (anyOrigin || origins.contains(normalise(origin)) || tenants.isOriginAllowed(tenantId, origin));
  }

  /** Adds the CORS headers to a response to an allowed origin. */
  public void apply(HttpServletRequest request, HttpServletResponse response) {
    String origin = request.getHeader("Origin");
    response.addHeader("Vary", "Origin");
    if (isAllowed(origin)) {
      response.setHeader("Access-Control-Allow-Origin", origin);
      response.setHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
    }
  }

  /** @return whether this is a preflight request (OPTIONS with Access-Control-Request-Method) */
  public static boolean isPreflight(HttpServletRequest request) {
    return "OPTIONS".equals(request.getMethod()) && request.getHeader("Access-Control-Request-Method") != null
        && request.getHeader("Origin") != null;
  }

  /** Answers a preflight: allowed origins learn the methods of the path, others get 403. */
  public Reply preflight(HttpServletRequest request, Set<String> methods) {
    if (!isAllowed(request.getHeader("Origin"))) {
      return Problems.problem(403, "origin-not-allowed", "Origin not allowed",
          "this origin is neither in INFLOW_ALLOWED_ORIGINS nor among a tenant's allowed origins", java.util.List.of());
    }
    // Browsers check the preflight's Allow-Origin too, not only the actual response's.
    return Reply.noContent()
        .header("Access-Control-Allow-Origin", request.getHeader("Origin"))
        .header("Vary", "Origin")
        .header("Access-Control-Allow-Methods", String.join(", ", methods) + (methods.isEmpty() ? "" : ", ") + "OPTIONS")
        .header("Access-Control-Allow-Headers", ALLOWED_HEADERS)
        .header("Access-Control-Max-Age", "600");
  }

  private static String normalise(String origin) {
    String o = origin.strip().toLowerCase(Locale.ROOT);
    return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
  }
}
