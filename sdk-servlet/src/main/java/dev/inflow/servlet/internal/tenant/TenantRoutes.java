package dev.inflow.servlet.internal.tenant;

import dev.inflow.core.AccessDeniedException;
import dev.inflow.core.Caller;
import dev.inflow.core.NotFoundException;
import dev.inflow.core.Role;
import dev.inflow.core.tenant.IssuedSecret;
import dev.inflow.core.tenant.Tenant;
import dev.inflow.core.tenant.Tenants;
import dev.inflow.servlet.internal.http.Exchange;
import dev.inflow.servlet.internal.http.HttpProblem;
import dev.inflow.servlet.internal.http.Reply;
import dev.inflow.servlet.internal.http.Route.Access;
import dev.inflow.servlet.internal.http.Router;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tenant administration. Two kinds of caller, kept apart by path:
 *
 * <ul>
 *   <li>{@code /api/v1/admin/tenant...}: a tenant's admins (a user whose {@code roles} hold
 *       {@code admin}, signed in by token or by the host's login) manage their own tenant: see it,
 *       set its allowed origins, rotate its token secret.
 *   <li>{@code /api/v1/operator/tenants...}: whoever runs the server creates and manages every
 *       tenant, with {@code Authorization: Bearer <INFLOW_OPERATOR_SECRET>}. Without that setting
 *       the operator API is off; the CLI on the server needs no credential (it talks to the database).
 * </ul>
 *
 * Secrets appear in an answer only when they are issued.
 */
public final class TenantRoutes {
  record OriginsBody(List<String> origins) {}

  record RotateBody(String overlap) {}

  record CreateBody(String id, String name, List<String> origins) {}

  record Items<T>(List<T> items) {}

  record CreatedTenant(Tenant tenant, IssuedSecret secret) {}

  /** How long replaced secrets stay valid when a rotation does not say. */
  static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);
  private final Tenants tenants;
  private final Optional<byte[]> operatorSecret;

  private TenantRoutes(Tenants tenants, Optional<byte[]> operatorSecret) {
    this.tenants = tenants;
    this.operatorSecret = operatorSecret;
  }

  /** @param operatorSecret the operator's credential; empty switches the operator API off */
  public static void register(Router router, Tenants tenants, Optional<String> operatorSecret) {
    TenantRoutes r = new TenantRoutes(tenants, operatorSecret.map(s -> s.getBytes(StandardCharsets.UTF_8)));
    router.add("GET", "/api/v1/admin/tenant", Access.READ, ex -> Reply.ok(r.tenant(requireAdmin(ex.caller()))))
        .add("PUT", "/api/v1/admin/tenant/origins", Access.WRITE, ex -> r.setOrigins(ex, requireAdmin(ex.caller())))
        .add("POST", "/api/v1/admin/tenant/secrets", Access.WRITE, ex -> r.rotate(ex, requireAdmin(ex.caller())))
        .add("GET", "/api/v1/operator/tenants", Access.PUBLIC, ex -> r.operator(ex, () -> Reply.ok(new Items<>(tenants.list()))))
        .add("POST", "/api/v1/operator/tenants", Access.PUBLIC, ex -> r.operator(ex, () -> r.create(ex)))
        .add("GET", "/api/v1/operator/tenants/{id}", Access.PUBLIC, ex -> r.operator(ex, () -> Reply.ok(r.tenant(ex.path("id")))))
        .add("PUT", "/api/v1/operator/tenants/{id}/origins", Access.PUBLIC, ex -> r.operator(ex, () -> r.setOrigins(ex, ex.path("id"))))
        .add("POST", "/api/v1/operator/tenants/{id}/secrets", Access.PUBLIC, ex -> r.operator(ex, () -> r.rotate(ex, ex.path("id"))));
  }

  /**
   * @return the caller's tenant, when the caller is one of its admins
   * @throws dev.inflow.core.SignInRequiredException for anonymous callers
   * @throws AccessDeniedException for signed-in callers without the admin role
   */
  public static String requireAdmin(Caller caller) {
    caller.requireUser("administer the tenant");
    if (!caller.hasRole(Role.ADMIN)) {
      throw new AccessDeniedException("only the tenant's admins (role admin) may do this");
    }
    return caller.tenantId();
  }

  private Tenant tenant(String id) {
    return tenants.find(id).orElseThrow(() -> new NotFoundException("tenant '" + id + "'"));
  }

  private Reply setOrigins(Exchange ex, String id) throws IOException {
    OriginsBody body = ex.body(OriginsBody.class);
    if (body.origins() == null) {
      throw HttpProblem.badRequest("origins", "origins is required: an array such as [\"https://portal.example.com\"], [] for none");
    }
    return Reply.ok(tenants.setAllowedOrigins(id, body.origins()));
  }

  private Reply rotate(Exchange ex, String id) throws IOException {
    RotateBody body = ex.request().getContentLengthLong() == 0 ? new RotateBody(null) : ex.body(RotateBody.class);
    Duration overlap = body.overlap() == null ? DEFAULT_OVERLAP : Tenants.parseDuration("overlap", body.overlap());
    return Reply.json(201, tenants.rotateSecret(id, overlap));
  }

  private Reply create(Exchange ex) throws IOException {
    CreateBody body = ex.body(CreateBody.class);
    if (body.id() == null) {
      throw HttpProblem.badRequest("id", "id is required: 1 to 63 lower-case letters, digits, '-' or '_'");
    }
    IssuedSecret secret = tenants.create(body.id(), body.name(), body.origins() == null ? List.of() : body.origins());
    return Reply.json(201, new CreatedTenant(tenant(body.id()), secret))
        .header("Location", ex.request().getContextPath() + ex.request().getServletPath() + "/api/v1/operator/tenants/" + body.id());
  }

  @FunctionalInterface
  private interface Action {
    Reply run() throws Exception;
  }

  private Reply operator(Exchange ex, Action action) throws Exception {
    if (operatorSecret.isEmpty()) {
      throw new HttpProblem(403, "operator-api-off", "Operator API is off",
          "set INFLOW_OPERATOR_SECRET on the server to manage tenants over HTTP, or use the CLI: java -jar inflow-server.jar tenants --help");
    }
    String authorization = ex.header("Authorization").orElse("");
    byte[] given = authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        ? authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8) : new byte[0];
    if (!MessageDigest.isEqual(given, operatorSecret.get())) {
      throw new HttpProblem(401, "operator-credentials", "Operator credentials required",
          "send Authorization: Bearer <INFLOW_OPERATOR_SECRET>", List.of(), Map.of("WWW-Authenticate", "Bearer realm=\"inflow-operator\""));
    }
    return action.run().header("Cache-Control", "no-store");
  }
}
