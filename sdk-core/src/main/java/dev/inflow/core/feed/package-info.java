/**
 * The activity feed: activities ({@code actor verb object [target]}) produced by comments and
 * questions or published by the host, the feeds that show them (home, target, topic, user) and
 * what people follow or mute.
 *
 * <h2>Home feeds: mixed fan-out</h2>
 *
 * <p>Issue 5 asks for a tenant with 10k users and 1M activities where a user with 5k followers
 * does not make posting slow. A home feed is built two ways at once:
 *
 * <ul>
 *   <li><b>On write, for people and topics.</b> An activity is copied into the home feeds of the
 *       actor and of the followers of the actor and of its topics: one narrow row each, in the
 *       posting transaction up to {@link FeedSettings#inlineFanOutLimit()} readers, by a
 *       background job beyond (the 5k-follower author posts as fast as anyone). Reading these is
 *       one index range scan per page, whatever the size of the tenant.
 *   <li><b>On read, for targets.</b> Commenting, asking and answering follow the target
 *       automatically, so a busy page gains followers with every comment; copying each comment to
 *       all of them made creating comments 10–50 times slower (125 creates/s on H2 and 20/s on
 *       PostgreSQL in the benchmark of docs/benchmarks.md). Activities on followed targets are
 *       instead read with the home feed from the index the target feed uses, at most one page
 *       per target and merged by activity id, so that even a reader following thousands of
 *       targets is served by indexed, LIMITed reads.
 * </ul>
 *
 * <p>Both parts are ordered by activity id, so pages, cursors, folding ("Ana and 3 others
 * commented on …") and access checks are the same as for every other feed. The measurements are
 * in docs/benchmarks.md (finding 0 and "Measured outside the harness").
 */
package dev.inflow.core.feed;
