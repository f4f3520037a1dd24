package dev.inflow.core.webhook;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An endpoint to register.
 *
 * @param url an http or https URL; it may not lead to loopback, link-local or private addresses
 *     unless the tenant allow-lists them
 * @param events event types, see {@link Webhook#events()}
 * @param description what it is for, if anything
 */
public record NewWebhook(String url, List<String> events, Optional<String> description) {
  public NewWebhook {
    events = events == null ? List.of() : List.copyOf(events);
    Objects.requireNonNull(description, "description");
  }
}
