package dev.inflow.core.tenant.internal;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.inflow.core.Caller;
import dev.inflow.core.ConflictException;
import dev.inflow.core.InvalidInputException;
import dev.inflow.core.NotFoundException;
import dev.inflow.core.internal.Platform;
import dev.inflow.core.internal.db.Sql;
import dev.inflow.core.internal.text.TextInput;
import dev.inflow.core.tenant.IssuedSecret;
import dev.inflow.core.tenant.SecretInfo;
import dev.inflow.core.tenant.Tenant;
import dev.inflow.core.tenant.Tenants;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Tenants in {@code inflow_tenant}, {@code inflow_tenant_secret} and {@code inflow_tenant_origin}. */
public final class DefaultTenants implements Tenants {
  private record StoredSecret(String secret, Optional<Instant> expiresAt) {}

  private static final String ALL_ORIGINS = "*";
  private final Platform platform;
  private final SecureRandom random = new SecureRandom();
  /**
   * Secrets per tenant, refreshed in the background after a few seconds so that a rotation on
   * another node is seen soon while token checks never wait for the database. Expiry of a replaced
   * secret is checked against the clock on every use, not when the entry was loaded.
   */
  private final LoadingCache<String, List<StoredSecret>> secrets;
  /** Allowed origins per tenant; the key {@value #ALL_ORIGINS} holds the origins of every tenant. */
  private final LoadingCache<String, Set<String>> origins;

  public DefaultTenants(Platform platform) {
    this.platform = platform;
    this.secrets = Caffeine.newBuilder()
        .maximumSize(10_000)
        .refreshAfterWrite(Duration.ofSeconds(PROPAGATION_SECONDS))
        .expireAfterWrite(Duration.ofMinutes(1))
        .build(this::loadSecrets);
    this.origins = Caffeine.newBuilder()
        .maximumSize(10_000)
        .refreshAfterWrite(Duration.ofSeconds(PROPAGATION_SECONDS))
        .expireAfterWrite(Duration.ofMinutes(1))
        .build(this::loadOrigins);
  }

  @Override
  public IssuedSecret create(String id, String name, Collection<String> allowedOrigins) {
    Caller.requireValidTenantId(id == null ? "" : id);
    String display = TextInput.optionalLine("name", name, 200).orElse(id);
    List<String> normalised = normaliseAll(allowedOrigins);
    Instant now = platform.now();
    IssuedSecret issued = platform.db().transaction(sql -> {
      if (!sql.insertIfAbsent("INSERT INTO inflow_tenant (id, name, created_at) VALUES (?, ?, ?)", id, display, now)) {
        throw new ConflictException("tenant '" + id + "' exists already; rotate its secret instead");
      }
      insertOrigins(sql, id, normalised);
      return issue(sql, id, now, Optional.empty());
    });
    invalidate(id);
    return issued;
  }

  @Override
  public List<Tenant> list() {
    return platform.db().read(sql -> {
      List<Tenant> all = new ArrayList<>();
      for (String id : sql.list("SELECT id FROM inflow_tenant ORDER BY id", row -> row.string("id"))) {
        load(sql, id).ifPresent(all::add);
      }
      return all;
    });
  }

  @Override
  public Optional<Tenant> find(String id) {
    return platform.db().read(sql -> load(sql, id));
  }

  @Override
  public IssuedSecret rotateSecret(String id, Duration overlap) {
    if (overlap.isNegative() || overlap.compareTo(MAX_OVERLAP) > 0) {
      throw new InvalidInputException("overlap", "overlap is from 0 to 30 days (got " + overlap + ")");
    }
    Instant now = platform.now();
    Instant until = now.plus(overlap);
    IssuedSecret issued = platform.db().transaction(sql -> {
      requireExists(sql, id);
      // Secrets that already end sooner keep their earlier end: a rotation never extends a secret.
      sql.update("UPDATE inflow_tenant_secret SET expires_at = ? WHERE tenant_id = ? AND (expires_at IS NULL OR expires_at > ?)",
          until, id, until);
      sql.update("DELETE FROM inflow_tenant_secret WHERE tenant_id = ? AND expires_at <= ?", id, now.minus(Duration.ofDays(1)));
      return issue(sql, id, now, Optional.of(until));
    });
    invalidate(id);
    return issued;
  }

  @Override
  public Tenant setAllowedOrigins(String id, Collection<String> allowedOrigins) {
    List<String> normalised = normaliseAll(allowedOrigins);
    Tenant tenant = platform.db().transaction(sql -> {
      requireExists(sql, id);
      sql.update("DELETE FROM inflow_tenant_origin WHERE tenant_id = ?", id);
      insertOrigins(sql, id, normalised);
      return load(sql, id).orElseThrow();
    });
    invalidate(id);
    return tenant;
  }

  @Override
  public List<String> activeSecrets(String id) {
    Instant now = platform.clock().instant();
    return secrets.get(id).stream()
        .filter(s -> s.expiresAt().map(now::isBefore).orElse(true))
        .map(StoredSecret::secret)
        .toList();
  }

  @Override
  public boolean isOriginAllowed(String id, String origin) {
    return origin != null && origins.get(id).contains(comparable(origin));
  }

  @Override
  public boolean isOriginAllowedForAnyTenant(String origin) {
    return origin != null && origins.get(ALL_ORIGINS).contains(comparable(origin));
  }

  private IssuedSecret issue(Sql sql, String id, Instant now, Optional<Instant> previousUntil) throws SQLException {
    byte[] bytes = new byte[48];
    random.nextBytes(bytes);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    byte[] keyBytes = new byte[4];
    random.nextBytes(keyBytes);
    String keyId = "k" + HexFormat.of().formatHex(keyBytes);
    sql.update("INSERT INTO inflow_tenant_secret (tenant_id, key_id, secret, created_at) VALUES (?, ?, ?, ?)", id, keyId, secret, now);
    return new IssuedSecret(id, keyId, secret, now, previousUntil);
  }

  private Optional<Tenant> load(Sql sql, String id) throws SQLException {
    Optional<Object[]> row = sql.one("SELECT id, name, created_at FROM inflow_tenant WHERE id = ?",
        r -> new Object[] {r.string("name"), r.instant("created_at")}, id);
    if (row.isEmpty()) {
      return Optional.empty();
    }
    List<String> allowed = sql.list("SELECT origin FROM inflow_tenant_origin WHERE tenant_id = ? ORDER BY origin", r -> r.string("origin"), id);
    Instant now = platform.clock().instant();
    List<SecretInfo> infos = sql.list("SELECT key_id, created_at, expires_at FROM inflow_tenant_secret WHERE tenant_id = ?"
        + " AND (expires_at IS NULL OR expires_at > ?) ORDER BY created_at DESC, key_id",
        r -> new SecretInfo(r.string("key_id"), r.instant("created_at"), r.optionalInstant("expires_at")), id, now);
    return Optional.of(new Tenant(id, (String) row.get()[0], allowed, infos, (Instant) row.get()[1]));
  }

  private static void requireExists(Sql sql, String id) throws SQLException {
    if (sql.one("SELECT id FROM inflow_tenant WHERE id = ?", r -> r.string("id"), id).isEmpty()) {
      throw new NotFoundException("tenant '" + (id.length() > 63 ? id.substring(0, 63) + "…" : id) + "'");
    }
  }

  private static void insertOrigins(Sql sql, String id, List<String> normalised) throws SQLException {
    for (String origin : normalised) {
      sql.insertIfAbsent("INSERT INTO inflow_tenant_origin (tenant_id, origin) VALUES (?, ?)", id, origin);
    }
  }

  private static List<String> normaliseAll(Collection<String> allowedOrigins) {
    if (allowedOrigins.size() > MAX_ORIGINS) {
      throw new InvalidInputException("origins", "a tenant has at most " + MAX_ORIGINS + " allowed origins (got " + allowedOrigins.size() + ")");
    }
    Set<String> out = new LinkedHashSet<>();
    int i = 0;
    for (String origin : allowedOrigins) {
      out.add(Tenants.normaliseOrigin("origins[" + i++ + "]", origin));
    }
    return List.copyOf(out);
  }

  private static String comparable(String origin) {
    String o = origin.strip().toLowerCase(java.util.Locale.ROOT);
    return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
  }

  private List<StoredSecret> loadSecrets(String id) {
    return platform.db().read(sql -> sql.list("SELECT secret, expires_at FROM inflow_tenant_secret WHERE tenant_id = ?"
        + " ORDER BY created_at DESC", r -> new StoredSecret(r.string("secret"), r.optionalInstant("expires_at")), id));
  }

  private Set<String> loadOrigins(String id) {
    if (id.equals(ALL_ORIGINS)) {
      return Set.copyOf(platform.db().read(sql -> sql.list("SELECT DISTINCT origin FROM inflow_tenant_origin", r -> r.string("origin"))));
    }
    return Set.copyOf(platform.db().read(sql -> sql.list("SELECT origin FROM inflow_tenant_origin WHERE tenant_id = ?", r -> r.string("origin"), id)));
  }

  private void invalidate(String id) {
    secrets.invalidate(id);
    origins.invalidate(id);
    origins.invalidate(ALL_ORIGINS);
  }
}
