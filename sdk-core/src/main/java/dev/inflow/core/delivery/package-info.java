/**
 * Deliveries to other systems (the Learning Record Store, webhook receivers, e-mail) that failed
 * for good, for tenant administrators to inspect and retry.
 */
package dev.inflow.core.delivery;
