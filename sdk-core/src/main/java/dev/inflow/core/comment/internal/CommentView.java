package dev.inflow.core.comment.internal;

import dev.inflow.core.Caller;
import dev.inflow.core.comment.Comment;
import dev.inflow.core.comment.Reaction;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Shapes a stored comment for one viewer: deleted comments become tombstones, hidden comments are
 * tombstones to everyone but their author and moderators, and the viewer's own reactions and
 * permissions are filled in.
 */
final class CommentView {
  private CommentView() {}

  static Comment forViewer(CommentRow row, Caller viewer, boolean canModerate, Collection<String> myReactions) {
    boolean isAuthor = viewer.userId().map(row.author().id()::equals).orElse(false);
    boolean tombstone = row.deleted() || (row.hidden() && !isAuthor && !canModerate);
    return new Comment(
        row.idString(),
        row.targetKey(),
        row.parentId().map(String::valueOf),
        row.depth(),
        row.author(),
        tombstone ? "" : row.body(),
        tombstone ? "" : row.html(),
        row.createdAt(),
        row.editedAt(),
        row.deleted(),
        row.hidden(),
        tombstone ? Map.of() : decodeReactions(row.reactions()),
        tombstone ? List.of() : List.copyOf(myReactions),
        row.replyCount(),
        tombstone ? List.of() : splitMentions(row.mentions()),
        row.version(),
        !row.deleted() && isAuthor,
        !row.deleted() && (isAuthor || canModerate),
        Optional.empty());
  }

  /** The comment as any reader of the target sees it, for events delivered to many viewers. */
  static Comment forEveryone(CommentRow row) {
    return forViewer(row, Caller.anonymous("default"), false, List.of());
  }

  /** For moderators reviewing a flagged comment: its text, even when hidden. */
  static Comment forModerator(CommentRow row, Caller moderator) {
    return forViewer(row, moderator, true, List.of());
  }

  /** @return {@code "+1=3,hooray=1"} style summary, in the fixed order of {@link Reaction} */
  static String encodeReactions(Map<Reaction, Integer> counts) {
    StringBuilder sb = new StringBuilder();
    for (Reaction r : Reaction.values()) {
      int n = counts.getOrDefault(r, 0);
      if (n > 0) {
        if (sb.length() > 0) {
          sb.append(',');
        }
        sb.append(r.alias()).append('=').append(n);
      }
    }
    return sb.toString();
  }

  static Map<String, Integer> decodeReactions(String summary) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    if (summary.isEmpty()) {
      return counts;
    }
    for (String part : summary.split(",")) {
      int eq = part.lastIndexOf('=');
      counts.put(Reaction.parse(part.substring(0, eq)).emoji(), Integer.parseInt(part.substring(eq + 1)));
    }
    return counts;
  }

  static List<String> splitMentions(String mentions) {
    return mentions.isEmpty() ? List.of() : Arrays.asList(mentions.split(","));
  }
}
