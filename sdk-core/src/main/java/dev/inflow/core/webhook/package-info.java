/**
 * Webhooks: tenant administrators register HTTP endpoints for event types; every matching event is
 * delivered signed the Standard Webhooks way, retried with backoff through the outbox.
 */
package dev.inflow.core.webhook;
