package dev.inflow.core.feed.internal;

import dev.inflow.core.Author;
import dev.inflow.core.internal.db.Row;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An activity as stored. The actor carries the name stored with the activity; readers see the
 * actor's current profile where Inflow has one (see {@link FeedPager#current}).
 */
record ActivityRow(
    long id,
    Optional<Author> actor,
    String verb,
    String objectId,
    String objectType,
    String objectName,
    Optional<String> objectUrl,
    Optional<String> targetKey,
    Optional<String> accessKey,
    String groupKey,
    List<String> tags,
    Instant published) {

  /** Columns {@link #map} reads, for {@code FROM inflow_activity a}. */
  static final String COLUMNS = "a.id, a.actor_id, a.actor_name, a.verb, a.object_id, a.object_type,"
      + " a.object_name, a.object_url, a.target_key, a.access_key, a.group_key, a.tags, a.published";

  static ActivityRow map(Row row) throws SQLException {
    Optional<String> actorId = row.optionalString("actor_id");
    Optional<Author> actor = Optional.empty();
    if (actorId.isPresent()) {
      actor = Optional.of(new Author(actorId.get(), row.optionalString("actor_name").orElse(actorId.get()), Optional.empty()));
    }
    String tags = row.string("tags");
    return new ActivityRow(row.longValue("id"), actor, row.string("verb"), row.string("object_id"), row.string("object_type"),
        row.string("object_name"), row.optionalString("object_url"), row.optionalString("target_key"), row.optionalString("access_key"),
        row.string("group_key"), tags.isEmpty() ? List.of() : Arrays.asList(tags.split(",")), row.instant("published"));
  }

  /** @return this activity with another actor (a current profile) */
  ActivityRow withActor(Optional<Author> other) {
    return new ActivityRow(id, other, verb, objectId, objectType, objectName, objectUrl, targetKey, accessKey, groupKey, tags, published);
  }
}
