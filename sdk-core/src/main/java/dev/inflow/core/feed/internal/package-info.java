/**
 * Implementation of activities, feeds and follows. Not API: it may change in any release.
 */
package dev.inflow.core.feed.internal;
