package dev.inflow.core.comment.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.inflow.core.AccessDeniedException;
import dev.inflow.core.Author;
import dev.inflow.core.Caller;
import dev.inflow.core.ConflictException;
import dev.inflow.core.Created;
import dev.inflow.core.InvalidInputException;
import dev.inflow.core.NotFoundException;
import dev.inflow.core.Page;
import dev.inflow.core.PageRequest;
import dev.inflow.core.PreconditionFailedException;
import dev.inflow.core.User;
import dev.inflow.core.comment.Comment;
import dev.inflow.core.comment.CommentRevision;
import dev.inflow.core.comment.CommentSort;
import dev.inflow.core.comment.Comments;
import dev.inflow.core.comment.FlagReason;
import dev.inflow.core.comment.ModerationAction;
import dev.inflow.core.comment.ModerationItem;
import dev.inflow.core.comment.NewComment;
import dev.inflow.core.comment.Reaction;
import dev.inflow.core.event.Event;
import dev.inflow.core.internal.Cursors;
import dev.inflow.core.internal.Platform;
import dev.inflow.core.internal.db.Sql;
import dev.inflow.core.internal.idempotency.IdempotencyKeys;
import dev.inflow.core.internal.text.Markdown;
import dev.inflow.core.internal.text.TextInput;
import dev.inflow.core.target.internal.TargetKeys;
import dev.inflow.core.target.internal.TargetStore;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** Comments on H2 or PostgreSQL; see {@link Comments} for the contract. */
public final class DefaultComments implements Comments {
  /** Replies shown with each top-level comment in a list before the thread is cut short. */
  static final int THREAD_PREVIEW = 50;
  static final int MAX_COUNT_KEYS = 100;
  private static final List<String> POSITIVE = java.util.Arrays.stream(Reaction.values()).filter(r -> r.score() > 0).map(Reaction::alias).toList();
  private final Platform platform;
  private final CommentHook hook;
  private final CommentModeration moderation;
  private final SharedPages sharedPages = new SharedPages();
  /**
   * Visible comments per tenant|target. Local writes invalidate at once and other nodes' writes when
   * the event hub reads their events; five seconds bound the rest (the hub not running).
   */
  private final Cache<String, Long> counts = Caffeine.newBuilder()
      .maximumSize(100_000)
      .expireAfterWrite(Duration.ofSeconds(5))
      .build();

  public DefaultComments(Platform platform) {
    this(platform, CommentHook.none());
  }

  /** @param hook what other features do inside each change's transaction (feed, notifications) */
  public DefaultComments(Platform platform, CommentHook hook) {
    this.platform = platform;
    this.hook = hook;
    this.moderation = new CommentModeration(platform, hook, this::afterChange);
    platform.hub().observe(this::observed);
  }

  @Override
  public Created<Comment> create(Caller caller, String targetKey, NewComment input, Optional<String> idempotencyKey) {
    User author = caller.requireUser("post a comment");
    TargetKeys.requireValid("targetKey", targetKey);
    platform.requireReadable(caller, targetKey, "target " + targetKey);
    requireWritable(caller, targetKey);
    idempotencyKey.ifPresent(IdempotencyKeys::requireValid);
    String body = TextInput.required("body", input.body(), platform.limits().maxBodyChars());
    Optional<Long> parentId = input.parentId().filter(p -> !p.isBlank()).map(p -> parseId("parentId", p));
    Optional<String> title = TextInput.optionalLine("targetTitle", input.targetTitle().orElse(null), TargetStore.MAX_TITLE);
    Optional<String> url = TextInput.optionalLine("targetUrl", input.targetUrl().orElse(null), TargetStore.MAX_URL);
    platform.rateLimiter().acquireWrite(caller);
    platform.users().remember(caller.tenantId(), author);
    Markdown.Rendered rendered = render(caller, body);
    String requestHash = IdempotencyKeys.hash(targetKey, parentId, body, title, url);
    String tenant = caller.tenantId();

    var claim = idempotencyKey.map(key -> new IdempotencyKeys.Claim(tenant, author.id(), key, "comment.create", requestHash));
    var outcome = platform.idempotency().once(claim, sql -> {
      Optional<CommentRow> parent = Optional.empty();
      if (parentId.isPresent()) {
        parent = Optional.of(CommentStore.lock(sql, tenant, parentId.get())
            .filter(p -> p.targetKey().equals(targetKey))
            .orElseThrow(() -> new InvalidInputException("parentId", "parentId must name a comment on " + targetKey)));
        requireReplyable(parent.get());
      }
      Instant now = platform.now();
      CommentRow row = CommentStore.insert(sql, tenant, targetKey, parent, Author.of(author), body, rendered.html(),
          String.join(",", rendered.mentions()), now);
      if (parent.isPresent()) {
        CommentStore.addReply(sql, tenant, parent.get().id());
      }
      platform.targets().declare(sql, tenant, targetKey, title, url);
      appendEvent(sql, tenant, "comment.created", row, CommentView.forEveryone(row));
      hook.posted(sql, tenant, new CommentHook.Posted(row.id(), targetKey, title, url, parentId, parent.map(p -> p.author().id()),
          row.author(), body, rendered.mentions(), now));
      return row;
    }, CommentRow::idString);

    if (outcome instanceof IdempotencyKeys.Outcome.Replayed<CommentRow> earlier) {
      return new Created<>(get(caller, earlier.resourceId()), true);
    }
    CommentRow row = ((IdempotencyKeys.Outcome.Done<CommentRow>) outcome).value();
    afterChange(tenant, targetKey);
    platform.metrics().increment("inflow_comments_created_total", "Comments posted", "tenant", tenant);
    return new Created<>(CommentView.forViewer(row, caller, canModerate(caller, targetKey), List.of()), false);
  }

  @Override
  public Page<Comment> list(Caller caller, String targetKey, CommentSort sort, PageRequest page) {
    return listing(caller, targetKey, sort, page).page();
  }

  /**
   * What {@link #list} answers, as the REST API needs it.
   *
   * @param page the page the caller sees
   * @param shared the same page with its JSON when every reader without a stake in it sees it alike
   */
  public record Listing(Page<Comment> page, Optional<SharedPage> shared) {}

  /** {@link #list}, with the shared page when the caller gets one; see {@link SharedPages}. */
  public Listing listing(Caller caller, String targetKey, CommentSort sort, PageRequest page) {
    TargetKeys.requireValid("targetKey", targetKey);
    platform.requireReadable(caller, targetKey, "target " + targetKey);
    Optional<long[]> after = page.cursor().map(c -> decodeRootCursor(c, sort));
    boolean moderator = canModerate(caller, targetKey);
    if (!moderator && platform.hub().running()) {
      SharedPages.Key key = new SharedPages.Key(caller.tenantId(), targetKey, sort, page.cursor().orElse(""), page.limit());
      Optional<SharedPage> shared = sharedPages.find(key, caller.userId().orElse(null), k -> readShared(k, after));
      if (shared.isPresent()) {
        return new Listing(shared.get().page(), shared);
      }
    }
    return new Listing(platform.db().read(sql -> readPage(sql, caller, targetKey, sort, after, page.limit(), moderator)), Optional.empty());
  }

  /** Reads a page as a reader without a stake in it sees it, and who has one. */
  private SharedPage readShared(SharedPages.Key key, Optional<long[]> after) {
    long seq = platform.hub().position();
    return platform.db().read(sql -> {
      Page<Comment> page = readPage(sql, Caller.anonymous(key.tenantId()), key.targetKey(), key.sort(), after, key.limit(), false);
      Set<String> personal = new HashSet<>(CommentStore.hiddenAuthors(sql, key.tenantId(), key.targetKey()));
      page.items().forEach(c -> personal.add(c.author().id()));
      List<Long> reacted = page.items().stream().filter(c -> !c.reactions().isEmpty()).map(c -> Long.parseLong(c.id())).toList();
      personal.addAll(CommentStore.reactors(sql, key.tenantId(), reacted));
      return new SharedPage(page, seq, personal);
    });
  }

  private Page<Comment> readPage(Sql sql, Caller caller, String targetKey, CommentSort sort, Optional<long[]> after, int limit,
      boolean moderator) throws SQLException {
    String viewerId = caller.userId().orElse(null);
    List<CommentRow> roots = CommentStore.roots(sql, caller.tenantId(), targetKey, sort, after, limit + 1, viewerId, moderator);
    boolean more = roots.size() > limit;
    if (more) {
      roots = roots.subList(0, limit);
    }
    List<Long> rootIds = roots.stream().map(CommentRow::id).toList();
    Map<Long, List<CommentRow>> replies = new HashMap<>();
    for (CommentRow reply : CommentStore.threads(sql, caller.tenantId(), rootIds, THREAD_PREVIEW + 1, viewerId, moderator)) {
      replies.computeIfAbsent(reply.rootId(), k -> new ArrayList<>()).add(reply);
    }
    List<CommentRow> ordered = new ArrayList<>();
    Map<Long, String> cutShort = new HashMap<>();
    for (CommentRow root : roots) {
      ordered.add(root);
      List<CommentRow> thread = replies.getOrDefault(root.id(), List.of());
      if (thread.size() > THREAD_PREVIEW) {
        thread = thread.subList(0, THREAD_PREVIEW);
        cutShort.put(root.id(), Cursors.encode("r", root.id(), thread.get(THREAD_PREVIEW - 1).path()));
      }
      ordered.addAll(thread);
    }
    List<Comment> items = view(sql, caller, ordered, moderator).stream()
        .map(c -> cutShort.containsKey(Long.parseLong(c.id())) ? c.withMoreReplies(cutShort.get(Long.parseLong(c.id()))) : c)
        .toList();
    Optional<String> next = more ? Optional.of(rootCursor(sort, roots.get(roots.size() - 1))) : Optional.empty();
    return new Page<>(items, next);
  }

  @Override
  public Page<Comment> replies(Caller caller, String commentId, PageRequest page) {
    long id = parseId(commentId);
    return platform.db().read(sql -> {
      CommentRow ancestor = readable(sql, caller, id);
      String afterPath = ancestor.path();
      if (page.cursor().isPresent()) {
        List<String> parts = Cursors.decode(page.cursor().get(), "r", 2);
        afterPath = parts.get(1);
        if (Cursors.number(parts.get(0)) != ancestor.rootId() || !afterPath.startsWith(ancestor.path())) {
          throw new InvalidInputException("cursor", "this cursor belongs to another thread");
        }
      }
      boolean moderator = canModerate(caller, ancestor.targetKey());
      List<CommentRow> rows = CommentStore.descendants(sql, caller.tenantId(), ancestor, afterPath, page.limit() + 1,
          caller.userId().orElse(null), moderator);
      boolean more = rows.size() > page.limit();
      if (more) {
        rows = rows.subList(0, page.limit());
      }
      Optional<String> next = more ? Optional.of(Cursors.encode("r", ancestor.rootId(), rows.get(rows.size() - 1).path())) : Optional.empty();
      return new Page<>(view(sql, caller, rows, moderator), next);
    });
  }

  @Override
  public Comment get(Caller caller, String commentId) {
    long id = parseId(commentId);
    return platform.db().read(sql -> {
      CommentRow row = readable(sql, caller, id);
      return view(sql, caller, List.of(row), canModerate(caller, row.targetKey())).get(0);
    });
  }

  @Override
  public Comment edit(Caller caller, String commentId, String newBody, OptionalLong expectedVersion) {
    long id = parseId(commentId);
    User editor = caller.requireUser("edit a comment");
    String body = TextInput.required("body", newBody, platform.limits().maxBodyChars());
    platform.rateLimiter().acquireWrite(caller);
    Markdown.Rendered rendered = render(caller, body);
    String tenant = caller.tenantId();
    CommentRow edited = platform.db().transaction(sql -> {
      CommentRow row = lockReadable(sql, caller, id);
      if (!row.author().id().equals(editor.id())) {
        throw new AccessDeniedException("only the author can edit a comment");
      }
      if (row.deleted()) {
        throw new ConflictException("comment " + id + " was deleted and can no longer be edited");
      }
      if (expectedVersion.isPresent() && expectedVersion.getAsLong() != row.version()) {
        throw new PreconditionFailedException("comment " + id, row.version());
      }
      if (row.body().equals(body)) {
        return row;
      }
      CommentStore.saveRevision(sql, tenant, row);
      CommentStore.updateText(sql, tenant, id, body, rendered.html(), String.join(",", rendered.mentions()), platform.now());
      CommentRow after = CommentStore.find(sql, tenant, id).orElseThrow();
      appendEvent(sql, tenant, "comment.edited", after, CommentView.forEveryone(after));
      hook.edited(sql, tenant, id, body);
      return after;
    });
    afterChange(tenant, edited.targetKey());
    return get(caller, commentId);
  }

  @Override
  public void delete(Caller caller, String commentId) {
    long id = parseId(commentId);
    User user = caller.requireUser("delete a comment");
    String tenant = caller.tenantId();
    Optional<CommentRow> deleted = platform.db().transaction(sql -> {
      CommentRow row = lockReadable(sql, caller, id);
      if (row.deleted()) {
        return Optional.empty();
      }
      if (!row.author().id().equals(user.id()) && !canModerate(caller, row.targetKey())) {
        throw new AccessDeniedException("only the author or a moderator can delete a comment");
      }
      markDeleted(sql, tenant, row, user.id());
      return Optional.of(row);
    });
    deleted.ifPresent(row -> afterChange(tenant, row.targetKey()));
  }

  /** Deletes inside the caller's transaction: tombstone, thread bookkeeping, event. */
  void markDeleted(Sql sql, String tenant, CommentRow row, String by) throws SQLException {
    CommentStore.markDeleted(sql, tenant, row.id(), by, platform.now());
    if (row.replyCount() == 0) {
      CommentStore.withdrawFromParent(sql, tenant, row.parentId());
    }
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("id", row.idString());
    payload.put("targetKey", row.targetKey());
    payload.put("parentId", row.parentId().map(String::valueOf).orElse(null));
    appendEvent(sql, tenant, "comment.deleted", row, payload);
    hook.withdrawn(sql, tenant, row.id());
  }

  @Override
  public Comment react(Caller caller, String commentId, Reaction reaction) {
    return changeReaction(caller, commentId, reaction, true);
  }

  @Override
  public Comment unreact(Caller caller, String commentId, Reaction reaction) {
    return changeReaction(caller, commentId, reaction, false);
  }

  private Comment changeReaction(Caller caller, String commentId, Reaction reaction, boolean add) {
    long id = parseId(commentId);
    User user = caller.requireUser("react to a comment");
    platform.rateLimiter().acquireWrite(caller);
    String tenant = caller.tenantId();
    Optional<String> changedTarget = platform.db().transaction(sql -> {
      CommentRow row = lockReadable(sql, caller, id);
      requireWritable(caller, row.targetKey());
      if (row.deleted() || row.hidden()) {
        throw new ConflictException("comment " + id + " is " + (row.deleted() ? "deleted" : "hidden for review") + " and takes no reactions");
      }
      boolean stored = add
          ? sql.insertIfAbsent("INSERT INTO inflow_comment_reaction (tenant_id, comment_id, user_id, reaction, created_at) VALUES (?, ?, ?, ?, ?)",
              tenant, id, user.id(), reaction.alias(), platform.now())
          : sql.update("DELETE FROM inflow_comment_reaction WHERE tenant_id = ? AND comment_id = ? AND user_id = ? AND reaction = ?",
              tenant, id, user.id(), reaction.alias()) > 0;
      if (stored) {
        CommentStore.refreshReactions(sql, tenant, id);
        CommentRow after = CommentStore.find(sql, tenant, id).orElseThrow();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", after.idString());
        payload.put("targetKey", after.targetKey());
        payload.put("reactions", CommentView.decodeReactions(after.reactions()));
        appendEvent(sql, tenant, "comment.reactions", after, payload);
        if (add) {
          boolean firstPositive = reaction.score() > 0 && sql.count("SELECT COUNT(*) FROM inflow_comment_reaction WHERE tenant_id = ?"
              + " AND comment_id = ? AND user_id = ? AND reaction IN (" + Sql.placeholders(POSITIVE) + ")",
              Sql.params(POSITIVE, tenant, id, user.id())) == 1;
          hook.reacted(sql, tenant, new CommentHook.Reacted(id, row.targetKey(), row.author().id(), Author.of(user), reaction.score() > 0,
              firstPositive));
        }
      }
      return stored ? Optional.of(row.targetKey()) : Optional.<String>empty();
    });
    changedTarget.ifPresent(target -> afterChange(tenant, target));
    return get(caller, commentId);
  }

  @Override
  public Comment flag(Caller caller, String commentId, FlagReason reason, Optional<String> note) {
    moderation.flag(caller, parseId(commentId), reason, note);
    return get(caller, commentId);
  }

  @Override
  public Page<ModerationItem> moderationQueue(Caller caller, PageRequest page) {
    return moderation.queue(caller, page);
  }

  @Override
  public Comment moderate(Caller caller, String commentId, ModerationAction action) {
    return moderation.decide(caller, parseId(commentId), action, this::markDeleted);
  }

  @Override
  public Map<String, Long> counts(Caller caller, Collection<String> targetKeys) {
    if (targetKeys.size() > MAX_COUNT_KEYS) {
      throw new InvalidInputException("keys", "at most " + MAX_COUNT_KEYS + " keys per request (got " + targetKeys.size() + ")");
    }
    Map<String, Long> result = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (String key : new LinkedHashSet<>(targetKeys)) {
      TargetKeys.requireValid("keys", key);
      if (!platform.accessPolicy().canRead(caller, key)) {
        result.put(key, 0L);
        continue;
      }
      Long cached = counts.getIfPresent(caller.tenantId() + "|" + key);
      result.put(key, cached);
      if (cached == null) {
        missing.add(key);
      }
    }
    if (!missing.isEmpty()) {
      Map<String, Long> loaded = new HashMap<>();
      List<Object> params = new ArrayList<>(missing);
      params.add(caller.tenantId());
      platform.db().read(sql -> sql.list("SELECT c.target_key, COUNT(*) AS n FROM " + Sql.valuesTable(missing.size(), "VARCHAR(200)", "k", "target_key")
          + " JOIN inflow_comment c ON c.tenant_id = ? AND c.target_key = k.target_key"
          + " WHERE c.deleted_at IS NULL AND c.status = 'VISIBLE' GROUP BY c.target_key",
          row -> loaded.put(row.string("target_key"), row.longValue("n")), params.toArray()));
      for (String key : missing) {
        long n = loaded.getOrDefault(key, 0L);
        counts.put(caller.tenantId() + "|" + key, n);
        result.put(key, n);
      }
    }
    return result;
  }

  @Override
  public List<CommentRevision> history(Caller caller, String commentId) {
    long id = parseId(commentId);
    return platform.db().read(sql -> {
      CommentRow row = readable(sql, caller, id);
      if (row.deleted() || (row.hidden() && !canModerate(caller, row.targetKey()) && !caller.userId().equals(Optional.of(row.author().id())))) {
        throw new NotFoundException("the history of comment " + id);
      }
      List<CommentRevision> revisions = new ArrayList<>(sql.list(
          "SELECT version, body, html, created_at FROM inflow_comment_revision WHERE tenant_id = ? AND comment_id = ? ORDER BY version",
          r -> new CommentRevision(r.longValue("version"), r.string("body"), r.string("html"), row.author(), r.instant("created_at")),
          caller.tenantId(), id));
      revisions.add(new CommentRevision(row.version(), row.body(), row.html(), row.author(), row.editedAt().orElse(row.createdAt())));
      return revisions;
    });
  }

  // ---- shared helpers ----

  private List<Comment> view(Sql sql, Caller caller, List<CommentRow> rows, boolean moderator) throws SQLException {
    Map<Long, List<String>> mine = caller.userId().isPresent()
        ? CommentStore.reactionsOf(sql, caller.tenantId(), caller.userId().get(), rows.stream().map(CommentRow::id).toList())
        : Map.of();
    return rows.stream().map(r -> CommentView.forViewer(r, caller, moderator, mine.getOrDefault(r.id(), List.of()))).toList();
  }

  private CommentRow readable(Sql sql, Caller caller, long id) throws SQLException {
    CommentRow row = CommentStore.find(sql, caller.tenantId(), id).orElseThrow(() -> Platform.unreadable(caller, "comment " + id));
    platform.requireReadable(caller, row.targetKey(), "comment " + id);
    return row;
  }

  private CommentRow lockReadable(Sql sql, Caller caller, long id) throws SQLException {
    CommentRow row = CommentStore.lock(sql, caller.tenantId(), id).orElseThrow(() -> Platform.unreadable(caller, "comment " + id));
    platform.requireReadable(caller, row.targetKey(), "comment " + id);
    return row;
  }

  private void requireWritable(Caller caller, String targetKey) {
    if (!platform.accessPolicy().canWrite(caller, targetKey)) {
      throw new AccessDeniedException("you may read but not write on " + targetKey);
    }
  }

  private void requireReplyable(CommentRow parent) {
    if (parent.deleted() || parent.hidden()) {
      throw new ConflictException("comment " + parent.id() + " is " + (parent.deleted() ? "deleted" : "hidden for review") + " and takes no replies");
    }
    if (parent.depth() + 1 > platform.limits().maxThreadDepth()) {
      throw new InvalidInputException("parentId", "replies nest at most " + platform.limits().maxThreadDepth() + " levels; reply higher up the thread");
    }
  }

  private boolean canModerate(Caller caller, String targetKey) {
    return caller.signedIn() && platform.accessPolicy().canModerate(caller, targetKey);
  }

  private Markdown.Rendered render(Caller caller, String body) {
    return platform.markdown().render(body, ids -> platform.users().resolveMentions(caller.tenantId(), ids));
  }

  private void appendEvent(Sql sql, String tenant, String kind, CommentRow row, Object payload) throws SQLException {
    platform.events().append(sql, tenant, "target:" + row.targetKey(), kind, Optional.of(row.targetKey()), payload);
  }

  /** The event hub's observer: a comment event from any node drops what is cached of its target. */
  private void observed(Event event) {
    if (event.kind().startsWith("comment.")) {
      event.targetKey().ifPresent(target -> forgetCached(event.tenantId(), target));
    }
  }

  /** Forgets what is cached of the tenant's comments, after an import wrote some without events. */
  public void imported(String tenantId) {
    counts.asMap().keySet().removeIf(key -> key.startsWith(tenantId + "|"));
    sharedPages.changedAll(tenantId);
  }

  private void afterChange(String tenant, String targetKey) {
    forgetCached(tenant, targetKey);
    platform.events().committed(tenant);
  }

  /** Drops the target's cached count and shared pages. */
  private void forgetCached(String tenant, String targetKey) {
    counts.invalidate(tenant + "|" + targetKey);
    sharedPages.changed(tenant, targetKey);
  }

  static long parseId(String id) {
    return parseId(null, id);
  }

  /** @param field when the id came in a body field, its name; null when it came in the path */
  static long parseId(String field, String id) {
    try {
      long value = Long.parseLong(id);
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // handled below
    }
    if (field != null) {
      throw new InvalidInputException(field, field + " must be the id of a comment");
    }
    throw new NotFoundException("comment " + (id.length() > 40 ? id.substring(0, 40) + "…" : id));
  }

  private static String rootCursor(CommentSort sort, CommentRow last) {
    return sort == CommentSort.TOP
        ? Cursors.encode(sort.wireName(), last.score(), last.id())
        : Cursors.encode(sort.wireName(), last.id());
  }

  private static long[] decodeRootCursor(String cursor, CommentSort sort) {
    List<String> parts = Cursors.decode(cursor, sort.wireName(), sort == CommentSort.TOP ? 2 : 1);
    return parts.stream().mapToLong(Cursors::number).toArray();
  }
}
