package dev.inflow.core.webhook.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.inflow.core.AccessDeniedException;
import dev.inflow.core.Caller;
import dev.inflow.core.InvalidInputException;
import dev.inflow.core.NotFoundException;
import dev.inflow.core.Role;
import dev.inflow.core.event.Event;
import dev.inflow.core.event.internal.EventStore;
import dev.inflow.core.internal.Platform;
import dev.inflow.core.internal.db.Sql;
import dev.inflow.core.internal.json.Json;
import dev.inflow.core.internal.text.TextInput;
import dev.inflow.core.webhook.NewWebhook;
import dev.inflow.core.webhook.Webhook;
import dev.inflow.core.webhook.WebhookSettings;
import dev.inflow.core.webhook.Webhooks;
import java.net.URI;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Webhook endpoints in {@code inflow_webhook}, and the dispatcher that turns every event into a
 * delivery job for each endpoint that wants it, inside the event's own transaction (so a delivery
 * exists exactly when its event does). See {@link Webhooks} for the contract.
 *
 * <p>Thread-safe.
 */
public final class DefaultWebhooks implements Webhooks, EventStore.AppendHook {
  static final int MAX_ENDPOINTS = 20;
  static final int MAX_EVENT_PATTERNS = 20;
  private static final Pattern EVENT = Pattern.compile("\\*|[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*(\\.\\*)?");

  private final Platform platform;
  private final WebhookSettings settings;
  /**
   * Endpoints per tenant, read on every event. Ten seconds, because registrations on another node
   * cannot invalidate this node's copy; changes on this node invalidate at once.
   */
  private final Cache<String, List<WebhookStore.Endpoint>> endpoints = Caffeine.newBuilder()
      .maximumSize(10_000)
      .expireAfterWrite(Duration.ofSeconds(10))
      .build();

  public DefaultWebhooks(Platform platform, WebhookSettings settings) {
    this.platform = platform;
    this.settings = settings;
    platform.events().addAppendHook(this);
    platform.jobs().register(WebhookSender.JOB, new WebhookSender(platform, settings));
  }

  @Override
  public Webhook register(Caller caller, NewWebhook input) {
    requireAdmin(caller);
    String tenant = caller.tenantId();
    URI url = url(input.url());
    List<String> events = events(input.events());
    Optional<String> description = TextInput.optionalLine("description", input.description().orElse(null), 200);
    List<String> allowed = platform.db().read(sql -> WebhookStore.allowList(sql, tenant));
    try {
      AddressGuard.check(url.getHost(), AddressGuard.allowList(allowed));
    } catch (UnknownHostException e) {
      throw new InvalidInputException("url", "the host " + url.getHost() + " does not resolve; check the name");
    } catch (AddressGuard.Refused e) {
      throw new InvalidInputException("url", e.getMessage());
    }
    platform.rateLimiter().acquireWrite(caller);
    String secret = Signatures.newSecret();
    WebhookStore.Endpoint created = platform.db().transaction(sql -> {
      if (WebhookStore.count(sql, tenant) >= MAX_ENDPOINTS) {
        throw new InvalidInputException("url", "a tenant has at most " + MAX_ENDPOINTS + " webhooks; delete one first");
      }
      long id = WebhookStore.insert(sql, tenant, url.toString(), events, description, secret, platform.now());
      return WebhookStore.find(sql, tenant, id).orElseThrow();
    });
    endpoints.invalidate(tenant);
    platform.metrics().increment("inflow_webhooks_registered_total", "Webhook endpoints registered");
    return view(created, Optional.of(secret));
  }

  @Override
  public List<Webhook> list(Caller caller) {
    requireAdmin(caller);
    return platform.db().read(sql -> WebhookStore.all(sql, caller.tenantId())).stream().map(e -> view(e, Optional.empty())).toList();
  }

  @Override
  public Webhook get(Caller caller, String id) {
    requireAdmin(caller);
    long number = parseId(id);
    return platform.db().read(sql -> WebhookStore.find(sql, caller.tenantId(), number)).map(e -> view(e, Optional.empty()))
        .orElseThrow(() -> new NotFoundException("webhook " + id));
  }

  @Override
  public void delete(Caller caller, String id) {
    requireAdmin(caller);
    long number = parseId(id);
    platform.rateLimiter().acquireWrite(caller);
    if (!platform.db().transaction(sql -> WebhookStore.delete(sql, caller.tenantId(), number))) {
      throw new NotFoundException("webhook " + id);
    }
    endpoints.invalidate(caller.tenantId());
  }

  @Override
  public List<String> allowList(Caller caller) {
    requireAdmin(caller);
    return platform.db().read(sql -> WebhookStore.allowList(sql, caller.tenantId()));
  }

  @Override
  public List<String> setAllowList(Caller caller, List<String> entries) {
    requireAdmin(caller);
    List<String> cleaned = AddressGuard.normalise(entries == null ? List.of() : entries);
    platform.rateLimiter().acquireWrite(caller);
    platform.db().transaction(sql -> {
      WebhookStore.replaceAllowList(sql, caller.tenantId(), cleaned);
      return null;
    });
    return cleaned;
  }

  /**
   * Enqueues a delivery per interested endpoint. Notifications are personal and never leave by
   * webhook. The body is fixed here, so every retry sends the same bytes under the same id.
   */
  @Override
  public void appended(Sql sql, Event event) throws SQLException {
    if (event.kind().startsWith("notification.")) {
      return;
    }
    List<WebhookStore.Endpoint> all = endpoints.getIfPresent(event.tenantId());
    if (all == null) {
      all = List.copyOf(WebhookStore.all(sql, event.tenantId()));
      endpoints.put(event.tenantId(), all);
    }
    String body = null;
    for (WebhookStore.Endpoint endpoint : all) {
      if (!endpoint.wants(event.kind())) {
        continue;
      }
      if (body == null) {
        body = "{\"type\":" + Json.write(event.kind()) + ",\"timestamp\":\"" + event.createdAt() + "\",\"data\":" + event.payload() + "}";
      }
      platform.jobs().enqueue(sql, event.tenantId(), WebhookSender.JOB, Optional.of(endpoint.id() + ":" + event.seq()),
          Map.of("webhookId", endpoint.id(), "messageId", "msg_" + event.tenantId() + "_" + event.seq(), "body", body),
          platform.now(), settings.maxAttempts());
    }
  }

  private static Webhook view(WebhookStore.Endpoint e, Optional<String> secret) {
    return new Webhook(Long.toString(e.id()), e.url(), e.events(), e.description(), e.createdAt(), secret);
  }

  private static URI url(String raw) {
    String value = raw == null ? "" : raw.strip();
    URI uri;
    try {
      uri = URI.create(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("url", "url is an http or https URL such as https://hooks.example.com/inflow");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || value.length() > 2000) {
      throw new InvalidInputException("url", "url is an http or https URL of at most 2000 characters, such as https://hooks.example.com/inflow");
    }
    if (uri.getRawUserInfo() != null) {
      throw new InvalidInputException("url", "url may not carry credentials; receivers check the signature instead");
    }
    if (uri.getRawFragment() != null) {
      throw new InvalidInputException("url", "url may not have a #fragment");
    }
    return uri;
  }

  private static List<String> events(List<String> raw) {
    if (raw.isEmpty() || raw.size() > MAX_EVENT_PATTERNS) {
      throw new InvalidInputException("events", "events lists 1 to " + MAX_EVENT_PATTERNS + " event types, such as comment.created, comment.* or *");
    }
    LinkedHashSet<String> patterns = new LinkedHashSet<>();
    for (String value : raw) {
      String pattern = value == null ? "" : value.strip();
      if (pattern.length() > 100 || !EVENT.matcher(pattern).matches()) {
        throw new InvalidInputException("events", "an event type looks like comment.created, comment.* or * (got '"
            + (pattern.length() > 40 ? pattern.substring(0, 40) + "…" : pattern) + "')");
      }
      if (pattern.startsWith("notification")) {
        throw new InvalidInputException("events", "notifications are personal and are not delivered to webhooks");
      }
      patterns.add(pattern);
    }
    return List.copyOf(patterns);
  }

  private static long parseId(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw new NotFoundException("webhook " + (id.length() > 40 ? id.substring(0, 40) + "…" : id));
    }
  }

  static void requireAdmin(Caller caller) {
    caller.requireUser("manage webhooks");
    if (!caller.hasRole(Role.ADMIN)) {
      throw new AccessDeniedException("only tenant administrators may manage webhooks");
    }
  }
}
