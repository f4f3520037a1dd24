/**
 * A thin, typed Java client for Inflow's REST API v1 and live channel, for hosts that call a
 * standalone Inflow server (or another node's servlet) from their backend or a batch job, and the
 * signer of the user tokens that authenticate those calls.
 *
 * <p>Start with {@link dev.inflow.client.InflowClient}: build one, share it, close it at shutdown.
 * Calls are grouped by component ({@code client.comments()}, {@code questions()},
 * {@code experts()}, {@code feed()}, {@code activities()}, {@code follows()},
 * {@code notifications()}, {@code analytics()}, {@code live()}); values are immutable records,
 * requests with several options have builders, lists come as cursor {@link dev.inflow.client.Page}s
 * and as lazy streams over every item;
 * failures are unchecked {@link dev.inflow.client.InflowApiException}s, one subclass per meaning,
 * carrying the server's problem document. Nothing in this package needs {@code sdk-core}.
 */
package dev.inflow.client;
