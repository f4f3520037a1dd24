package dev.inflow.servlet.internal.admin;

import dev.inflow.core.delivery.DeadLetter;
import dev.inflow.core.delivery.DeadLetters;
import dev.inflow.core.internal.json.Json;
import dev.inflow.core.webhook.NewWebhook;
import dev.inflow.core.webhook.Webhook;
import dev.inflow.core.webhook.Webhooks;
import dev.inflow.servlet.internal.http.Exchange;
import dev.inflow.servlet.internal.http.HttpProblem;
import dev.inflow.servlet.internal.http.Reply;
import dev.inflow.servlet.internal.http.Route.Access;
import dev.inflow.servlet.internal.http.Router;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Tenant administration: webhook endpoints, their allow-list, and deliveries that failed for good. */
public final class AdminRoutes {
  record WebhookBody(String url, List<String> events, String description) {}

  record AllowListBody(List<String> entries) {}

  record Items<T>(List<T> items) {}

  private final Webhooks webhooks;
  private final DeadLetters deadLetters;

  private AdminRoutes(Webhooks webhooks, DeadLetters deadLetters) {
    this.webhooks = webhooks;
    this.deadLetters = deadLetters;
  }

  public static void register(Router router, Webhooks webhooks, DeadLetters deadLetters) {
    AdminRoutes r = new AdminRoutes(webhooks, deadLetters);
    router.add("GET", "/api/v1/admin/webhooks", Access.READ, r::listWebhooks)
        .add("POST", "/api/v1/admin/webhooks", Access.WRITE, r::register)
        .add("GET", "/api/v1/admin/webhooks/{id}", Access.READ, r::getWebhook)
        .add("DELETE", "/api/v1/admin/webhooks/{id}", Access.WRITE, r::deleteWebhook)
        .add("GET", "/api/v1/admin/webhook-allowlist", Access.READ, r::allowList)
        .add("PUT", "/api/v1/admin/webhook-allowlist", Access.WRITE, r::setAllowList)
        .add("GET", "/api/v1/admin/dead-letters", Access.READ, r::deadLetters)
        .add("POST", "/api/v1/admin/dead-letters/{id}/retry", Access.WRITE, r::retry);
  }

  private Reply listWebhooks(Exchange ex) {
    return Reply.ok(new Items<>(webhooks.list(ex.caller())));
  }

  private Reply register(Exchange ex) throws IOException {
    WebhookBody body = ex.body(WebhookBody.class);
    if (body.events() != null && body.events().stream().anyMatch(e -> e == null)) {
      throw HttpProblem.badRequest("events", "events is an array of strings");
    }
    Webhook created = webhooks.register(ex.caller(), new NewWebhook(body.url(), body.events(), Optional.ofNullable(body.description())));
    return Reply.json(201, created)
        .header("Location", ex.request().getContextPath() + ex.request().getServletPath() + "/api/v1/admin/webhooks/" + created.id());
  }

  private Reply getWebhook(Exchange ex) {
    return Reply.ok(webhooks.get(ex.caller(), ex.path("id")));
  }

  private Reply deleteWebhook(Exchange ex) {
    webhooks.delete(ex.caller(), ex.path("id"));
    return Reply.noContent();
  }

  private Reply allowList(Exchange ex) {
    return Reply.ok(Map.of("entries", webhooks.allowList(ex.caller())));
  }

  private Reply setAllowList(Exchange ex) throws IOException {
    AllowListBody body = ex.body(AllowListBody.class);
    if (body.entries() == null) {
      throw HttpProblem.badRequest("entries", "entries is required: an array of host names and address ranges");
    }
    return Reply.ok(Map.of("entries", webhooks.setAllowList(ex.caller(), body.entries())));
  }

  private Reply deadLetters(Exchange ex) throws IOException {
    var page = deadLetters.list(ex.caller(), ex.page(20));
    List<Object> items = new java.util.ArrayList<>();
    for (DeadLetter d : page.items()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("id", d.id());
      item.put("kind", d.kind());
      item.put("attempts", d.attempts());
      item.put("lastError", d.lastError().orElse(null));
      item.put("payload", Json.MAPPER.readTree(d.payload()));
      item.put("createdAt", d.createdAt());
      item.put("lastAttemptAt", d.lastAttemptAt());
      items.add(item);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("items", items);
    body.put("next", page.next().orElse(null));
    return Reply.ok(body);
  }

  private Reply retry(Exchange ex) {
    deadLetters.retry(ex.caller(), ex.path("id"));
    return Reply.json(202, Map.of("id", ex.path("id"), "status", "queued"));
  }
}
