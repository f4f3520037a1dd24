/**
 * A thin, typed Java client for Inflow's REST API v1, for hosts that call a standalone Inflow
 * server (or another node's servlet) from their backend, and the signer of the user tokens that
 * authenticate those calls.
 *
 * <p>Start with {@link dev.inflow.client.InflowClient}: build one, share it, close it at shutdown.
 * Calls are grouped by component ({@code client.comments()}); values are immutable records;
 * failures are unchecked {@link dev.inflow.client.InflowApiException}s, one subclass per meaning,
 * carrying the server's problem document. Nothing in this package needs {@code sdk-core}.
 */
package dev.inflow.client;
