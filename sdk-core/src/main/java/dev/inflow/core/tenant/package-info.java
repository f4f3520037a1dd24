/**
 * Tenants as the standalone server manages them: the secrets that sign their users' tokens (with
 * rotation and an overlap window) and the origins whose pages may embed Inflow. Reached through
 * {@link dev.inflow.core.Inflow#tenants()}.
 */
package dev.inflow.core.tenant;
