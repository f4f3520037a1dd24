/**
 * Moving comments in and out: imports from Disqus and WordPress, and a lossless JSON export of a
 * whole tenant that imports back. Reached through {@link dev.inflow.core.Inflow#transfers()}.
 */
package dev.inflow.core.transfer;
