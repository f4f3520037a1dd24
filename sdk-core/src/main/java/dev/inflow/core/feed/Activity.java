package dev.inflow.core.feed;

import dev.inflow.core.Author;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One item of a feed: an activity ({@code actor verb object [target]}), or several similar ones
 * close in time folded into one ("Ana and 3 others commented on Order 4711"). A folded item shows
 * its newest activity and says how many it stands for.
 *
 * @param id the activity id (of the newest activity, when folded)
 * @param actor who did it; empty when nobody may be named (the author of an anonymous question)
 * @param verb what they did: {@code commented}, {@code replied}, {@code liked}, {@code asked},
 *     {@code answered}, {@code accepted}, {@code verified}, or the host's ({@code completed})
 * @param object what it was done to
 * @param target where, if anywhere (the business object commented on, the question answered)
 * @param tags topics of the activity, lower case; unmodifiable
 * @param published when it happened (the newest, when folded)
 * @param groupKey activities with the same key fold together when close in time; the widget
 *     uses it to fold live arrivals the same way
 * @param count how many activities this item stands for, 1 unless folded
 * @param actors the distinct people named, newest first, at most three; unmodifiable
 * @param actorCount how many distinct people did it (anonymous ones count as one each)
 * @param summary an English sentence, e.g. "Ana and 3 others commented on Order 4711"
 */
public record Activity(
    String id,
    Optional<Author> actor,
    String verb,
    ActivityObject object,
    Optional<ActivityObject> target,
    List<String> tags,
    Instant published,
    String groupKey,
    int count,
    List<Author> actors,
    int actorCount,
    String summary) {

  public Activity {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(verb, "verb");
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(target, "target");
    tags = List.copyOf(tags);
    Objects.requireNonNull(published, "published");
    Objects.requireNonNull(groupKey, "groupKey");
    actors = List.copyOf(actors);
    Objects.requireNonNull(summary, "summary");
  }
}
