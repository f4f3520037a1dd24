package dev.inflow.core.comment.internal;

import dev.inflow.core.internal.Platform;
import dev.inflow.core.internal.db.Sql;
import dev.inflow.core.transfer.ImportReport;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes comments read from another system (Disqus, WordPress) into a tenant, keeping threads,
 * authors and dates. Each source comment is recorded in {@code inflow_import_ref}, so a second run
 * adds only what the first did not. Bodies are Markdown already (the readers convert HTML) and are
 * rendered and sanitised like any comment; mentions are not resolved, since imported text never
 * meant Inflow's users.
 */
public final class CommentImport {
  /**
   * A thread (page) of the source, placed on a target.
   *
   * @param sourceId the source's id of the thread
   * @param targetKey the target it becomes, by the operator's mapping
   * @param title the page title
   * @param url the page URL
   */
  public record Thread(String sourceId, String targetKey, Optional<String> title, Optional<String> url) {}

  /**
   * A comment of the source.
   *
   * @param sourceId the source's id, unique within the source
   * @param threadId the {@link Thread#sourceId()} it belongs to
   * @param parentId the source id of the comment it replies to
   * @param authorId the user id it is stored under
   * @param authorName the author's display name
   * @param markdown the body
   * @param createdAt when it was written
   * @param deleted deleted in the source (kept as a tombstone while it has replies)
   * @param pending awaiting moderation in the source (arrives hidden)
   */
  public record Post(String sourceId, String threadId, Optional<String> parentId, String authorId, String authorName, String markdown,
      Instant createdAt, boolean deleted, boolean pending) {}

  private record Placed(long id, String targetKey, long rootId, int depth, String path) {}

  private final Platform platform;

  public CommentImport(Platform platform) {
    this.platform = platform;
  }

  /**
   * @param source {@code disqus} or {@code wordpress}
   * @param skipped comments the reader left out already, by reason; added to the report
   * @param unmappedUrls URLs the reader found no target for
   */
  public ImportReport run(String tenant, String source, List<Thread> threads, List<Post> posts, Map<String, Integer> skipped,
      List<String> unmappedUrls) {
    Map<String, Thread> byThread = new HashMap<>();
    threads.forEach(t -> byThread.put(t.sourceId(), t));
    Map<String, Integer> skips = new TreeMap<>(skipped);
    Set<String> targets = new TreeSet<>();
    int[] counts = new int[2];
    platform.db().transaction(sql -> {
      counts[0] = 0;
      counts[1] = 0;
      targets.clear();
      Map<String, Long> known = new HashMap<>();
      sql.list("SELECT source_id, comment_id FROM inflow_import_ref WHERE tenant_id = ? AND source = ?",
          r -> known.put(r.string("source_id"), r.longValue("comment_id")), tenant, source);
      Map<Long, Placed> placed = new HashMap<>();
      Set<String> declared = new TreeSet<>();
      for (Post post : parentsFirst(posts)) {
        Thread thread = byThread.get(post.threadId());
        if (thread == null) {
          skips.merge("unmapped", 1, Integer::sum);
          continue;
        }
        if (known.containsKey(post.sourceId())) {
          counts[1]++;
          continue;
        }
        if (post.markdown().isBlank() && !post.deleted()) {
          skips.merge("empty", 1, Integer::sum);
          continue;
        }
        Optional<Placed> parent = Optional.empty();
        Long parentCommentId = post.parentId().map(known::get).orElse(null);
        if (parentCommentId != null) {
          // A reply whose parent was left out (spam, say) or sits on another page starts its own thread.
          parent = placedOf(sql, tenant, parentCommentId, placed).filter(p -> p.targetKey().equals(thread.targetKey()));
        }
        while (parent.isPresent() && parent.get().depth() + 1 > platform.limits().maxThreadDepth()) {
          // Deeper than Inflow nests: the reply goes under the deepest ancestor that may take it.
          String[] segments = parent.get().path().split("\\.");
          long up = Long.parseLong(segments[segments.length - 2]);
          parent = placedOf(sql, tenant, up, placed);
        }
        long id = sql.nextValue("inflow_comment_seq");
        Placed me = new Placed(id, thread.targetKey(), parent.map(Placed::rootId).orElse(id), parent.map(p -> p.depth() + 1).orElse(0),
            parent.map(p -> p.path() + ".").orElse("") + CommentStore.pathSegment(id));
        insert(sql, tenant, post, me, parent.map(Placed::id));
        placed.put(id, me);
        known.put(post.sourceId(), id);
        sql.update("INSERT INTO inflow_import_ref (tenant_id, source, source_id, comment_id, imported_at) VALUES (?, ?, ?, ?, ?)",
            tenant, source, post.sourceId(), id, platform.now());
        if (declared.add(thread.targetKey())) {
          platform.targets().declare(sql, tenant, thread.targetKey(), thread.title().or(() -> Optional.of(thread.targetKey())), thread.url());
        }
        targets.add(thread.targetKey());
        counts[0]++;
      }
      for (String key : targets) {
        recountReplies(sql, tenant, key);
      }
      return null;
    });
    if (counts[0] > 0) {
      platform.metrics().increment("inflow_comments_imported_total", "Comments imported", "source", source);
    }
    return new ImportReport(source, counts[0], counts[1], skips, List.copyOf(targets), unmappedUrls, Map.of());
  }

  private void insert(Sql sql, String tenant, Post post, Placed me, Optional<Long> parentId) throws SQLException {
    String body = post.markdown().isBlank() ? "(deleted)" : post.markdown();
    if (body.codePointCount(0, body.length()) > platform.limits().maxBodyChars()) {
      body = body.substring(0, body.offsetByCodePoints(0, platform.limits().maxBodyChars() - 1)) + "…";
    }
    String html = platform.markdown().render(body, ids -> Map.of()).html();
    sql.insertIfAbsent("INSERT INTO inflow_user (tenant_id, id, name, avatar_url, roles, expertise, first_seen, last_seen)"
        + " VALUES (?, ?, ?, NULL, '', '', ?, ?)", tenant, post.authorId(), post.authorName(), post.createdAt(), post.createdAt());
    sql.update("INSERT INTO inflow_comment (tenant_id, id, target_key, parent_id, root_id, depth, path, author_id, body, html,"
        + " mentions, reactions, score, reply_count, flag_count, status, version, created_at, deleted_at, deleted_by)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', '', 0, 0, 0, ?, 1, ?, ?, ?)",
        tenant, me.id(), me.targetKey(), parentId, me.rootId(), me.depth(), me.path(), post.authorId(), body, html,
        post.pending() ? "HIDDEN" : "VISIBLE", post.createdAt(),
        post.deleted() ? Optional.of(post.createdAt()) : Optional.empty(), post.deleted() ? Optional.of("import") : Optional.empty());
  }

  private static Optional<Placed> placedOf(Sql sql, String tenant, long id, Map<Long, Placed> placed) throws SQLException {
    Placed p = placed.get(id);
    if (p != null) {
      return Optional.of(p);
    }
    Optional<Placed> loaded = sql.one("SELECT id, target_key, root_id, depth, path FROM inflow_comment WHERE tenant_id = ? AND id = ?",
        r -> new Placed(r.longValue("id"), r.string("target_key"), r.longValue("root_id"), r.intValue("depth"), r.string("path")), tenant, id);
    loaded.ifPresent(l -> placed.put(id, l));
    return loaded;
  }

  /**
   * Recounts the replies still shown under every comment of the target, deepest first: a deleted
   * comment is shown (as a tombstone) exactly while it has shown replies.
   */
  private static void recountReplies(Sql sql, String tenant, String targetKey) throws SQLException {
    long deepest = sql.count("SELECT MAX(depth) FROM inflow_comment WHERE tenant_id = ? AND target_key = ?", tenant, targetKey);
    for (long depth = deepest; depth >= 0; depth--) {
      sql.update("UPDATE inflow_comment p SET reply_count = (SELECT COUNT(*) FROM inflow_comment c WHERE c.tenant_id = p.tenant_id"
          + " AND c.root_id = p.root_id AND c.parent_id = p.id AND (c.deleted_at IS NULL OR c.reply_count > 0))"
          + " WHERE p.tenant_id = ? AND p.target_key = ? AND p.depth = ?", tenant, targetKey, (int) depth);
    }
  }

  /** Orders posts so that every parent comes before its replies, older first otherwise. */
  static List<Post> parentsFirst(List<Post> posts) {
    Map<String, Post> byId = new LinkedHashMap<>();
    posts.stream().sorted(Comparator.comparing(Post::createdAt).thenComparing(Post::sourceId)).forEach(p -> byId.putIfAbsent(p.sourceId(), p));
    List<Post> ordered = new ArrayList<>();
    Set<String> done = new java.util.HashSet<>();
    for (Post post : byId.values()) {
      List<Post> chain = new ArrayList<>();
      Set<String> seen = new java.util.HashSet<>();
      for (Post p = post; p != null && !done.contains(p.sourceId()) && seen.add(p.sourceId());
          p = p.parentId().map(byId::get).orElse(null)) {
        chain.add(p);
      }
      for (int i = chain.size() - 1; i >= 0; i--) {
        if (done.add(chain.get(i).sourceId())) {
          ordered.add(chain.get(i));
        }
      }
    }
    return ordered;
  }
}
