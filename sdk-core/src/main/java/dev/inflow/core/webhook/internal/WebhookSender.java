package dev.inflow.core.webhook.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inflow.core.internal.Platform;
import dev.inflow.core.internal.jobs.Job;
import dev.inflow.core.internal.jobs.JobHandler;
import dev.inflow.core.internal.jobs.PermanentJobFailure;
import dev.inflow.core.internal.json.Json;
import dev.inflow.core.webhook.WebhookSettings;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;

/**
 * Delivers one event to one endpoint: checks the receiver's addresses again (DNS may have changed
 * since registration), signs with the endpoint's secret at the time of sending (the timestamp is
 * part of the signature), and POSTs without following redirects, which could lead anywhere.
 * Deliveries to endpoints deleted meanwhile are dropped.
 */
final class WebhookSender implements JobHandler {
  static final String JOB = "webhook.delivery";
  private static final System.Logger LOG = System.getLogger(WebhookSender.class.getName());
  private final Platform platform;
  private final WebhookSettings settings;
  private final HttpClient http;

  WebhookSender(Platform platform, WebhookSettings settings) {
    this.platform = platform;
    this.settings = settings;
    this.http = HttpClient.newBuilder()
        .connectTimeout(settings.timeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  @Override
  public void run(Job job) throws Exception {
    JsonNode payload = Json.MAPPER.readTree(job.payload());
    long webhookId = payload.path("webhookId").asLong();
    Optional<WebhookStore.Endpoint> endpoint = platform.db().read(sql -> WebhookStore.find(sql, job.tenantId(), webhookId));
    if (endpoint.isEmpty()) {
      LOG.log(Level.DEBUG, "webhook {0} was deleted; dropping delivery {1}", webhookId, job.id());
      return;
    }
    URI url = URI.create(endpoint.get().url());
    List<String> allowed = platform.db().read(sql -> WebhookStore.allowList(sql, job.tenantId()));
    try {
      AddressGuard.check(url.getHost(), AddressGuard.allowList(allowed));
    } catch (AddressGuard.Refused e) {
      count("refused");
      throw new PermanentJobFailure("delivery refused: " + e.getMessage());
    }
    String messageId = payload.path("messageId").asText();
    String body = payload.path("body").asText();
    long timestamp = platform.clock().instant().getEpochSecond();
    HttpRequest request = HttpRequest.newBuilder(url)
        .timeout(settings.timeout())
        .header("Content-Type", "application/json")
        .header("User-Agent", "Inflow-Webhooks/1")
        .header("webhook-id", messageId)
        .header("webhook-timestamp", Long.toString(timestamp))
        .header("webhook-signature", Signatures.sign(endpoint.get().secret(), messageId, timestamp, body))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      count("retry");
      throw e;
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      count("delivered");
      return;
    }
    String detail = url.getHost() + " answered " + status + " to " + messageId;
    if (status == 408 || status == 429 || status >= 500) {
      count("retry");
      throw new IOException(detail);
    }
    count("refused");
    throw new PermanentJobFailure(detail + "; a 4xx answer is not retried");
  }

  private void count(String result) {
    platform.metrics().increment("inflow_webhook_deliveries_total", "Webhook delivery attempts by result", "result", result);
  }
}
