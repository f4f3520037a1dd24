package dev.inflow.core.comment.internal;

import dev.inflow.core.AccessDeniedException;
import dev.inflow.core.Caller;
import dev.inflow.core.ConflictException;
import dev.inflow.core.Page;
import dev.inflow.core.PageRequest;
import dev.inflow.core.User;
import dev.inflow.core.comment.Comment;
import dev.inflow.core.comment.FlagReason;
import dev.inflow.core.comment.ModerationAction;
import dev.inflow.core.comment.ModerationItem;
import dev.inflow.core.internal.Cursors;
import dev.inflow.core.internal.Platform;
import dev.inflow.core.internal.db.Sql;
import dev.inflow.core.internal.text.TextInput;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/** Flags, the moderation queue and moderators' decisions. */
final class CommentModeration {
  /** How many flagged comments one queue request looks at while skipping those of other moderators' targets. */
  private static final int SCAN_LIMIT = 1_000;

  /** Deletes a comment inside a transaction, as {@link DefaultComments} does for authors. */
  @FunctionalInterface
  interface Deleter {
    void markDeleted(Sql sql, String tenant, CommentRow row, String by) throws SQLException;
  }

  private final Platform platform;
  private final CommentHook hook;
  private final BiConsumer<String, String> afterChange;

  CommentModeration(Platform platform, CommentHook hook, BiConsumer<String, String> afterChange) {
    this.platform = platform;
    this.hook = hook;
    this.afterChange = afterChange;
  }

  void flag(Caller caller, long id, FlagReason reason, Optional<String> rawNote) {
    User user = caller.requireUser("flag a comment");
    Optional<String> note = TextInput.optionalLine("note", rawNote.orElse(null), 500);
    platform.rateLimiter().acquireWrite(caller);
    String tenant = caller.tenantId();
    String targetKey = platform.db().transaction(sql -> {
      CommentRow row = CommentStore.lock(sql, tenant, id).orElseThrow(() -> Platform.unreadable(caller, "comment " + id));
      platform.requireReadable(caller, row.targetKey(), "comment " + id);
      if (row.author().id().equals(user.id())) {
        throw new AccessDeniedException("you cannot flag your own comment; edit or delete it instead");
      }
      if (row.deleted()) {
        throw new ConflictException("comment " + id + " is already deleted");
      }
      if (CommentStore.addFlag(sql, tenant, id, user.id(), reason, note, platform.now())) {
        int flags = row.flagCount() + 1;
        boolean hide = !row.hidden() && flags >= platform.limits().autoHideFlags();
        sql.update("UPDATE inflow_comment SET flag_count = ?, status = ? WHERE tenant_id = ? AND id = ?",
            flags, hide || row.hidden() ? "HIDDEN" : "VISIBLE", tenant, id);
        if (hide) {
          platform.events().append(sql, tenant, "target:" + row.targetKey(), "comment.hidden", Optional.of(row.targetKey()),
              Map.of("id", row.idString(), "targetKey", row.targetKey()));
          hook.withdrawn(sql, tenant, id);
        }
      }
      return row.targetKey();
    });
    afterChange.accept(tenant, targetKey);
    platform.metrics().increment("inflow_comment_flags_total", "Comments flagged", "reason", reason.wireName());
  }

  Page<ModerationItem> queue(Caller caller, PageRequest page) {
    caller.requireUser("see the moderation queue");
    long after = page.cursor().map(c -> Cursors.number(Cursors.decode(c, "mod", 1).get(0))).orElse(0L);
    String tenant = caller.tenantId();
    return platform.db().read(sql -> {
      List<CommentRow> picked = new ArrayList<>();
      long position = after;
      boolean exhausted = false;
      int scanned = 0;
      while (picked.size() <= page.limit() && scanned < SCAN_LIMIT) {
        List<CommentRow> batch = sql.list("SELECT " + CommentRow.COLUMNS + CommentRow.FROM
            + " WHERE c.tenant_id = ? AND c.flag_count > 0 AND c.deleted_at IS NULL AND c.id > ? ORDER BY c.id LIMIT ?",
            CommentRow::map, tenant, position, 100);
        for (CommentRow row : batch) {
          if (picked.size() <= page.limit() && platform.accessPolicy().canModerate(caller, row.targetKey())) {
            picked.add(row);
          }
        }
        scanned += batch.size();
        if (batch.size() < 100) {
          exhausted = true;
          break;
        }
        position = batch.get(batch.size() - 1).id();
      }
      boolean more = picked.size() > page.limit() || (!exhausted && scanned >= SCAN_LIMIT);
      List<CommentRow> rows = picked.size() > page.limit() ? picked.subList(0, page.limit()) : picked;
      long last = rows.isEmpty() ? position : rows.get(rows.size() - 1).id();
      Map<Long, FlagSummary> flags = flagsOf(sql, tenant, rows.stream().map(CommentRow::id).toList());
      List<ModerationItem> items = rows.stream().map(row -> {
        FlagSummary summary = flags.getOrDefault(row.id(), new FlagSummary());
        Comment comment = CommentView.forModerator(row, caller);
        return new ModerationItem(comment, row.flagCount(), summary.reasons, summary.notes,
            summary.last == null ? row.createdAt() : summary.last);
      }).toList();
      return new Page<>(items, more ? Optional.of(Cursors.encode("mod", last)) : Optional.empty());
    });
  }

  Comment decide(Caller caller, long id, ModerationAction action, Deleter deleter) {
    User moderator = caller.requireUser("moderate");
    String tenant = caller.tenantId();
    CommentRow decided = platform.db().transaction(sql -> {
      CommentRow row = CommentStore.lock(sql, tenant, id).orElseThrow(() -> Platform.unreadable(caller, "comment " + id));
      platform.requireReadable(caller, row.targetKey(), "comment " + id);
      if (!platform.accessPolicy().canModerate(caller, row.targetKey())) {
        throw new AccessDeniedException("only moderators can approve or remove comments");
      }
      if (row.deleted()) {
        throw new ConflictException("comment " + id + " is already deleted");
      }
      Instant now = platform.now();
      CommentStore.resolveFlags(sql, tenant, id, action == ModerationAction.APPROVE ? "approved" : "removed", now);
      if (action == ModerationAction.REMOVE) {
        deleter.markDeleted(sql, tenant, row, moderator.id());
      } else {
        CommentRow approved = CommentStore.find(sql, tenant, id).orElseThrow();
        platform.events().append(sql, tenant, "target:" + row.targetKey(), "comment.approved", Optional.of(row.targetKey()),
            CommentView.forEveryone(approved));
        if (row.hidden()) {
          hook.restored(sql, tenant, id);
        }
      }
      return CommentStore.find(sql, tenant, id).orElseThrow();
    });
    afterChange.accept(tenant, decided.targetKey());
    platform.metrics().increment("inflow_moderation_decisions_total", "Moderator decisions", "action", action.name().toLowerCase(java.util.Locale.ROOT));
    return CommentView.forModerator(decided, caller);
  }

  private static final class FlagSummary {
    final Map<String, Integer> reasons = new LinkedHashMap<>();
    final List<String> notes = new ArrayList<>();
    Instant last;
  }

  private static Map<Long, FlagSummary> flagsOf(Sql sql, String tenant, List<Long> ids) throws SQLException {
    Map<Long, FlagSummary> result = new HashMap<>();
    if (ids.isEmpty()) {
      return result;
    }
    sql.list("SELECT comment_id, reason, note, created_at FROM inflow_comment_flag WHERE tenant_id = ? AND resolved_at IS NULL"
        + " AND comment_id IN (" + Sql.placeholders(ids) + ") ORDER BY created_at DESC", row -> {
          FlagSummary s = result.computeIfAbsent(row.longValue("comment_id"), k -> new FlagSummary());
          s.reasons.merge(row.string("reason"), 1, Integer::sum);
          row.optionalString("note").ifPresent(s.notes::add);
          Instant at = row.instant("created_at");
          if (s.last == null || at.isAfter(s.last)) {
            s.last = at;
          }
          return null;
        }, Sql.params(ids, tenant));
    return result;
  }
}
