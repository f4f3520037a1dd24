package dev.inflow.servlet.internal.transfer;

import dev.inflow.core.transfer.ImportReport;
import dev.inflow.core.transfer.Transfers;
import dev.inflow.core.transfer.UrlMapping;
import dev.inflow.servlet.internal.http.Exchange;
import dev.inflow.servlet.internal.http.HttpProblem;
import dev.inflow.servlet.internal.http.Reply;
import dev.inflow.servlet.internal.http.Route.Access;
import dev.inflow.servlet.internal.http.Router;
import dev.inflow.servlet.internal.tenant.TenantRoutes;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Imports and exports for a tenant's admins, on their own tenant: {@code GET /api/v1/admin/export}
 * downloads the tenant as JSON, {@code POST /api/v1/admin/import} reads such a file back, and
 * {@code POST /api/v1/admin/import/disqus} and {@code .../wordpress} take the XML exports of those
 * systems with the URL mapping in {@code map} query parameters ({@code URL_PREFIX=KEY_TEMPLATE}).
 */
public final class TransferRoutes {
  /** Imports are larger than API requests; this is about a million comments of Disqus XML. */
  static final long MAX_UPLOAD_BYTES = 256L * 1024 * 1024;
  private final Transfers transfers;

  private TransferRoutes(Transfers transfers) {
    this.transfers = transfers;
  }

  public static void register(Router router, Transfers transfers) {
    TransferRoutes r = new TransferRoutes(transfers);
    router.add("GET", "/api/v1/admin/export", Access.READ, r::export)
        .add("POST", "/api/v1/admin/import", Access.WRITE, r::importTenant)
        .add("POST", "/api/v1/admin/import/disqus", Access.WRITE, ex -> r.importXml(ex, "disqus"))
        .add("POST", "/api/v1/admin/import/wordpress", Access.WRITE, ex -> r.importXml(ex, "wordpress"));
  }

  private Reply export(Exchange ex) throws IOException {
    String tenant = TenantRoutes.requireAdmin(ex.caller());
    HttpServletResponse response = ex.response();
    response.setStatus(200);
    response.setContentType("application/json; charset=utf-8");
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Content-Disposition", "attachment; filename=\"inflow-" + tenant + "-" + LocalDate.now(ZoneOffset.UTC) + ".json\"");
    try (OutputStream out = response.getOutputStream()) {
      transfers.exportTenant(tenant, out);
    }
    return Reply.handled();
  }

  private Reply importTenant(Exchange ex) throws IOException {
    String tenant = TenantRoutes.requireAdmin(ex.caller());
    try (InputStream in = ex.upload(MAX_UPLOAD_BYTES, "application/json")) {
      return Reply.ok(transfers.importTenant(tenant, in));
    }
  }

  private Reply importXml(Exchange ex, String source) throws IOException {
    String tenant = TenantRoutes.requireAdmin(ex.caller());
    List<String> rules = Optional.ofNullable(ex.request().getParameterValues("map")).map(Arrays::asList).orElse(List.of());
    if (rules.isEmpty()) {
      throw HttpProblem.badRequest("map", "map is required: one or more URL_PREFIX=KEY_TEMPLATE rules, e.g. map=https://blog.example.com/=blog/{path}");
    }
    UrlMapping mapping = UrlMapping.parse("map", rules);
    try (InputStream in = ex.upload(MAX_UPLOAD_BYTES, "application/xml", "text/xml", "application/rss+xml")) {
      ImportReport report = source.equals("disqus") ? transfers.importDisqus(tenant, in, mapping) : transfers.importWordPress(tenant, in, mapping);
      return Reply.ok(report);
    }
  }
}
