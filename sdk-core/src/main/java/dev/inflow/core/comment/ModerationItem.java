package dev.inflow.core.comment;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A flagged comment waiting for a moderator.
 *
 * @param comment the comment, with its text even when hidden
 * @param flagCount open flags
 * @param reasons open flags per reason wire name; unmodifiable
 * @param notes the notes flaggers left, newest first; unmodifiable
 * @param lastFlaggedAt when it was last flagged
 */
public record ModerationItem(Comment comment, int flagCount, Map<String, Integer> reasons, List<String> notes, Instant lastFlaggedAt) {
  public ModerationItem {
    Objects.requireNonNull(comment, "comment");
    reasons = Map.copyOf(reasons);
    notes = List.copyOf(notes);
    Objects.requireNonNull(lastFlaggedAt, "lastFlaggedAt");
  }
}
