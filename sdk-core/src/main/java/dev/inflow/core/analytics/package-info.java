/** Analytics for L&D: how questions are answered, by whom, and where people talk. */
package dev.inflow.core.analytics;
