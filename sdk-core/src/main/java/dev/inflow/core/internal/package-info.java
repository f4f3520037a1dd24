/**
 * Implementation of Inflow. Nothing in {@code internal} packages is API: it may change in any
 * release without notice. The servlet module uses some of it; hosts should not.
 */
package dev.inflow.core.internal;
