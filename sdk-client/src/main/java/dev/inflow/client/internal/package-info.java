/**
 * The client's machinery: HTTP transport with retries, JSON decoding, paging, live connections. Not API: anything
 * here may change in any release without notice.
 */
package dev.inflow.client.internal;
