package dev.inflow.core.xapi.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inflow.core.feed.Activity;
import dev.inflow.core.feed.internal.ActivityDraft;
import dev.inflow.core.feed.internal.ActivityListener;
import dev.inflow.core.internal.Platform;
import dev.inflow.core.internal.db.Sql;
import dev.inflow.core.internal.jobs.Job;
import dev.inflow.core.internal.jobs.JobHandler;
import dev.inflow.core.internal.jobs.PermanentJobFailure;
import dev.inflow.core.internal.json.Json;
import dev.inflow.core.xapi.XapiSettings;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The xAPI outbox: statements are enqueued as jobs in the activity's own transaction and sent by
 * whichever node claims the job (a row lease makes that one node). The statement, id included, is
 * built once at enqueue, so every resend is the same {@code PUT ?statementId=}, which the LRS
 * stores at most once.
 *
 * <p>Thread-safe.
 */
public final class XapiOutbox implements ActivityListener, JobHandler {
  static final String JOB = "xapi.statement";
  private static final System.Logger LOG = System.getLogger(XapiOutbox.class.getName());
  private final Platform platform;
  private final XapiSettings settings;
  private final XapiStatements statements;
  private final HttpClient http;

  public XapiOutbox(Platform platform, XapiSettings settings) {
    this.platform = platform;
    this.settings = settings;
    this.statements = new XapiStatements(settings);
    this.http = HttpClient.newBuilder()
        .connectTimeout(settings.timeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .version(HttpClient.Version.HTTP_1_1)
        .build();
    platform.jobs().register(JOB, this);
  }

  @Override
  public void recorded(Sql sql, String tenant, ActivityDraft draft, Activity view) throws SQLException {
    if (!draft.xapi()) {
      return;
    }
    Optional<Map<String, Object>> statement = statements.statement(tenant, draft, view);
    if (statement.isPresent()) {
      platform.jobs().enqueue(sql, tenant, JOB, Optional.of(tenant + ":" + view.id()), Map.of("statement", statement.get()),
          platform.now(), settings.maxAttempts());
    }
  }

  @Override
  public void run(Job job) throws Exception {
    JsonNode statement = Json.MAPPER.readTree(job.payload()).path("statement");
    String id = statement.path("id").asText();
    HttpRequest.Builder request = HttpRequest.newBuilder(settings.endpoint().resolve("statements?statementId="
            + URLEncoder.encode(id, StandardCharsets.UTF_8)))
        .timeout(settings.timeout())
        .header("X-Experience-API-Version", "1.0.3")
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(Json.write(statement)));
    if (settings.username().isPresent()) {
      String credentials = settings.username().get() + ":" + settings.password().orElse("");
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      count(job, "retry");
      throw e;
    }
    int status = response.statusCode();
    if (status == 200 || status == 204) {
      count(job, "sent");
      return;
    }
    if (status == 409) {
      // The LRS holds a statement with this id: ours, sent before the answer was lost.
      LOG.log(Level.INFO, "the LRS already had statement {0}; treating it as sent", id);
      count(job, "sent");
      return;
    }
    String detail = "the LRS answered " + status + " to statement " + id + ": " + excerpt(response.body());
    if (status == 408 || status == 429 || status >= 500) {
      count(job, "retry");
      throw new IOException(detail);
    }
    count(job, "dead");
    throw new PermanentJobFailure(detail);
  }

  private void count(Job job, String result) {
    if (!result.equals("retry") || !job.lastAttempt()) {
      platform.metrics().increment("inflow_xapi_statements_total", "xAPI statement sends by result", "result", result);
    } else {
      platform.metrics().increment("inflow_xapi_statements_total", "xAPI statement sends by result", "result", "dead");
    }
  }

  private static String excerpt(String body) {
    String line = body == null ? "" : body.replaceAll("\\s+", " ").strip();
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }

  /** @return where statements go, for logs */
  public URI endpoint() {
    return settings.endpoint();
  }
}
