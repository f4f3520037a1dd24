/**
 * Learning activity as xAPI 1.0.3 statements for a Learning Record Store, configured with
 * {@link dev.inflow.core.xapi.XapiSettings}.
 */
package dev.inflow.core.xapi;
