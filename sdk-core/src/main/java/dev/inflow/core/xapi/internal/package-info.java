/** Implementation of the xAPI outbox. Not API: it may change in any release. */
package dev.inflow.core.xapi.internal;
