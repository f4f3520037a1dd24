package dev.inflow.core.comment.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.inflow.core.comment.CommentSort;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Pages of comments as every reader without a stake in them sees them, read once and served to
 * all such readers until their target changes. A reader has a stake in a page when it shows their
 * own comment or reaction, when they wrote a hidden comment on the target (which only they see),
 * or when they moderate the target; they get the page built for them, as before.
 *
 * <p>A change drops every page of its target: at once on the node that made it, and on every node
 * when the event hub reads its event, before the hub's position passes it. So a page is always
 * served with the live position it was read at ({@link SharedPage#seq()}), and a client that
 * subscribes from there receives every change the page lacks. Pages are kept only while the hub
 * runs, which it does on every node that serves the REST API; without it, other nodes' changes
 * would go unnoticed. Names and avatars of authors, which change without an event, show within
 * {@link #TTL}; imports drop the tenant's pages.
 *
 * <p>A page is replaced, never mutated: a read that raced a change belongs to a generation of its
 * target that the change retired, so it is never handed out.
 */
final class SharedPages {
  static final Duration TTL = Duration.ofSeconds(60);
  /** Pages are weighed by the characters they hold; this keeps them within a 20th of the heap, at most 64 MiB. */
  private static final long MAX_WEIGHT = Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 20);

  record Key(String tenantId, String targetKey, CommentSort sort, String cursor, int limit) {}

  /** Identity of one state of a target; a change replaces it. */
  private static final class Generation {}

  private record Entry(SharedPage page, Generation generation) {}

  private final Cache<Key, Entry> pages = Caffeine.newBuilder()
      .maximumWeight(MAX_WEIGHT)
      .weigher((Key k, Entry e) -> e.page().weight())
      .expireAfterWrite(TTL)
      .build();
  private final Cache<String, Generation> generations = Caffeine.newBuilder()
      .maximumSize(200_000)
      .expireAfterAccess(TTL.multipliedBy(2))
      .build();

  /**
   * @param read reads the page as everyone sees it; called when no current page is kept
   * @return the shared page, or empty when the viewer has a stake in it
   */
  Optional<SharedPage> find(Key key, String viewerId, Function<Key, SharedPage> read) {
    String target = key.tenantId() + "|" + key.targetKey();
    Generation current = generations.get(target, t -> new Generation());
    Entry entry = pages.getIfPresent(key);
    if (entry == null || entry.generation() != current) {
      entry = new Entry(read.apply(key), current);
      pages.put(key, entry);
    }
    return entry.page().personalTo(viewerId) ? Optional.empty() : Optional.of(entry.page());
  }

  /** Retires every page of the target. */
  void changed(String tenantId, String targetKey) {
    generations.invalidate(tenantId + "|" + targetKey);
  }

  /** Retires every page of the tenant, after an import wrote comments without events. */
  void changedAll(String tenantId) {
    generations.asMap().keySet().removeIf(target -> target.startsWith(tenantId + "|"));
  }
}
