package dev.inflow.core.target.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.inflow.core.internal.db.Database;
import dev.inflow.core.internal.db.Sql;
import dev.inflow.core.spi.Target;
import dev.inflow.core.spi.TargetResolver;
import dev.inflow.core.target.Targets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Targets in {@code inflow_target}: the title and URL the embedding page declared, overridden by
 * the host's resolver when it knows the key.
 */
public final class TargetStore implements Targets {
  public static final int MAX_TITLE = 300;
  public static final int MAX_URL = 2000;
  private final Database db;
  private final TargetResolver resolver;
  private final Clock clock;
  private final Cache<String, Target> cache = Caffeine.newBuilder()
      .maximumSize(50_000)
      .expireAfterWrite(Duration.ofMinutes(5))
      .build();
  /**
   * What this node's transactions declared and committed lately: a page declares its title with
   * every comment, and an unchanged declaration need not read the row again. Another node may
   * have declared a different title for the same key meanwhile; a page that declares the title
   * this node remembers then leaves the other in place for up to five minutes.
   */
  private final Cache<String, Target> declared = Caffeine.newBuilder()
      .maximumSize(50_000)
      .expireAfterWrite(Duration.ofMinutes(5))
      .build();

  public TargetStore(Database db, TargetResolver resolver, Clock clock) {
    this.db = db;
    this.resolver = resolver;
    this.clock = clock;
  }

  @Override
  public Target resolve(String tenantId, String key) {
    return cache.get(tenantId + "|" + key, k -> resolver.resolve(tenantId, key)
        .or(() -> db.read(sql -> sql.one("SELECT title, url FROM inflow_target WHERE tenant_id = ? AND target_key = ?",
            row -> new Target(key, row.string("title"), row.optionalString("url")), tenantId, key)))
        .orElse(new Target(key, key, Optional.empty())));
  }

  /**
   * Like {@link #resolve(String, String)}, inside a transaction: reads with the transaction's own
   * connection (seeing what it declared, and never waiting for a second connection from the pool).
   * What it reads from the database is cached only once the transaction has committed it.
   */
  public Target resolve(Sql sql, String tenantId, String key) throws SQLException {
    String cacheKey = tenantId + "|" + key;
    Target cached = cache.getIfPresent(cacheKey);
    if (cached != null) {
      return cached;
    }
    Optional<Target> hosted = resolver.resolve(tenantId, key);
    if (hosted.isPresent()) {
      sql.afterCommit(() -> cache.put(cacheKey, hosted.get()));
      return hosted.get();
    }
    Target stored = sql.one("SELECT title, url FROM inflow_target WHERE tenant_id = ? AND target_key = ?",
        row -> new Target(key, row.string("title"), row.optionalString("url")), tenantId, key).orElse(new Target(key, key, Optional.empty()));
    sql.afterCommit(() -> cache.put(cacheKey, stored));
    return stored;
  }

  /**
   * Records the title and URL the embedding page declared, inside the caller's transaction. A page
   * title that changed replaces the old one.
   */
  public void declare(Sql sql, String tenantId, String key, Optional<String> title, Optional<String> url) throws SQLException {
    if (title.isEmpty()) {
      return;
    }
    Optional<String> safeUrl = url.filter(u -> u.startsWith("https://") || u.startsWith("http://"));
    String cacheKey = tenantId + "|" + key;
    Target declaration = new Target(key, title.get(), safeUrl);
    if (declaration.equals(declared.getIfPresent(cacheKey))) {
      return;
    }
    sql.afterCommit(() -> declared.put(cacheKey, declaration));
    var known = sql.one("SELECT title, url FROM inflow_target WHERE tenant_id = ? AND target_key = ?",
        row -> new Target(key, row.string("title"), row.optionalString("url")), tenantId, key);
    if (known.isPresent()) {
      if (!known.get().title().equals(title.get()) || (safeUrl.isPresent() && !Objects.equals(known.get().url(), safeUrl))) {
        sql.update("UPDATE inflow_target SET title = ?, url = COALESCE(?, url), updated_at = ? WHERE tenant_id = ? AND target_key = ?",
            title.get(), safeUrl, clock.instant(), tenantId, key);
        cache.invalidate(cacheKey);
      }
      return;
    }
    sql.insertIfAbsent("INSERT INTO inflow_target (tenant_id, target_key, title, url, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
        tenantId, key, title.get(), safeUrl, clock.instant(), clock.instant());
    cache.invalidate(cacheKey);
  }
}
