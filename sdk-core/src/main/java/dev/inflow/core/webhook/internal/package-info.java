/** Implementation of webhooks. Not API: it may change in any release. */
package dev.inflow.core.webhook.internal;
