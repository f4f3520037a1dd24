/**
 * The activity feed: activities ({@code actor verb object [target]}) produced by comments and
 * questions or published by the host, the feeds that show them (home, target, topic, user) and
 * what people follow or mute.
 */
package dev.inflow.core.feed;
