/** Readers, writers and the per-feature export parts; no compatibility promise. */
package dev.inflow.core.transfer.internal;
