/**
 * Notifications: a record per recipient of what happened that concerns them, with unread counts
 * and live delivery on the {@code notifications} topic.
 */
package dev.inflow.core.notification;
