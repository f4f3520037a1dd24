package dev.inflow.core.webhook;

import dev.inflow.core.Caller;
import java.util.List;

/**
 * A tenant's webhook endpoints. Every method needs the {@link dev.inflow.core.Role#ADMIN} role
 * ({@link dev.inflow.core.AccessDeniedException} otherwise).
 *
 * <p>Each matching event is POSTed as {@code {"type", "timestamp", "data"}} with the headers
 * {@code webhook-id} (the same on every retry), {@code webhook-timestamp} (seconds) and
 * {@code webhook-signature}: {@code v1,} and the base64 HMAC-SHA256 of {@code id.timestamp.body}
 * keyed with the base64-decoded part of the secret after {@code whsec_}. A 2xx answer is success;
 * no answer, 408, 429 and 5xx are retried with backoff; other answers dead-letter the delivery.
 * Addresses are checked again at every delivery, so a host name that later resolves to a private
 * address (DNS rebinding) is refused then.
 *
 * <p>Thread-safe.
 */
public interface Webhooks {
  /**
   * @return the endpoint with its signing secret (shown this once)
   * @throws dev.inflow.core.InvalidInputException naming {@code url} for a malformed, unresolvable
   *     or refused address, {@code events} for unknown patterns
   */
  Webhook register(Caller caller, NewWebhook webhook);

  /** @return the tenant's endpoints, oldest first, without secrets */
  List<Webhook> list(Caller caller);

  /** @throws dev.inflow.core.NotFoundException for an unknown id */
  Webhook get(Caller caller, String id);

  /** Deletes an endpoint; deliveries still queued for it are dropped. */
  void delete(Caller caller, String id);

  /** @return the host names and address ranges this tenant's endpoints may use although private */
  List<String> allowList(Caller caller);

  /**
   * Replaces the allow-list: host names ({@code hooks.intranet.example}) or addresses and ranges in
   * CIDR notation ({@code 10.20.0.0/16}, {@code 127.0.0.1}), at most 50.
   *
   * @return the allow-list as stored
   */
  List<String> setAllowList(Caller caller, List<String> entries);
}
