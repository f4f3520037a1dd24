package dev.inflow.client;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One item of a feed: {@code actor verb object [target]}, or several similar activities close in
 * time folded into one ("Ana and 3 others commented on Order 4711").
 *
 * @param id the activity id (of the newest, when folded)
 * @param actor who did it; empty when nobody may be named
 * @param verb what they did: {@code commented}, {@code answered}, or the host's ({@code completed})
 * @param object what it was done to
 * @param target where, if anywhere
 * @param tags topics of the activity, lower case; unmodifiable
 * @param published when it happened (the newest, when folded)
 * @param groupKey activities with the same key fold together when close in time
 * @param count how many activities this item stands for, 1 unless folded
 * @param actors the distinct people named, newest first, at most three; unmodifiable
 * @param actorCount how many distinct people did it
 * @param summary an English sentence, e.g. "Ana completed Java 101"
 */
public record Activity(String id, Optional<Author> actor, String verb, ActivityObject object, Optional<ActivityObject> target,
    List<String> tags, Instant published, String groupKey, int count, List<Author> actors, int actorCount, String summary) {
  /** @throws NullPointerException when a component is null */
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
