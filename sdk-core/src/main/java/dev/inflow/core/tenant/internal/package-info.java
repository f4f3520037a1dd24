/** Storage and caches of tenants; no compatibility promise. */
package dev.inflow.core.tenant.internal;
