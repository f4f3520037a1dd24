package dev.inflow.client;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A flagged comment waiting for a moderator, from {@link CommentsApi#queue()}.
 *
 * @param comment the comment, with its text even when hidden
 * @param flagCount open flags
 * @param reasons open flags per reason ({@code spam}, {@code abuse}, {@code off-topic},
 *     {@code other}); unmodifiable
 * @param notes the notes flaggers left, newest first; unmodifiable
 * @param lastFlaggedAt when it was last flagged
 */
public record ModerationItem(Comment comment, int flagCount, Map<String, Integer> reasons, List<String> notes, Instant lastFlaggedAt) {
  /** @throws NullPointerException when a component is null */
  public ModerationItem {
    Objects.requireNonNull(comment, "comment");
    reasons = Collections.unmodifiableMap(new LinkedHashMap<>(reasons));
    notes = List.copyOf(notes);
    Objects.requireNonNull(lastFlaggedAt, "lastFlaggedAt");
  }
}
