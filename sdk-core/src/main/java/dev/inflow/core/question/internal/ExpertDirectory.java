package dev.inflow.core.question.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.inflow.core.AccessDeniedException;
import dev.inflow.core.Author;
import dev.inflow.core.Caller;
import dev.inflow.core.InvalidInputException;
import dev.inflow.core.Role;
import dev.inflow.core.User;
import dev.inflow.core.internal.Platform;
import dev.inflow.core.internal.db.Row;
import dev.inflow.core.internal.db.Sql;
import dev.inflow.core.question.Expert;
import dev.inflow.core.question.ExpertReason;
import dev.inflow.core.question.Experts;
import dev.inflow.core.question.QuestionSettings;
import dev.inflow.core.spi.UserDirectory;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Who knows what. Declared expertise comes from three places: the user's own profile (their token
 * or login, remembered in {@code inflow_user}), the host's {@link UserDirectory}, and
 * administrators ({@code inflow_expertise}). Inferred expertise comes from answers on questions
 * with the tag: accepted ones weigh {@value #ACCEPTED}, verified ones {@value #VERIFIED}, each up
 * vote {@value #UPVOTE}, all halving every {@link QuestionSettings#expertiseHalfLife()}. A
 * declared tag weighs {@value #DECLARED}, so a declared expert ranks above someone with one
 * accepted answer but below a colleague whose answers keep being accepted.
 *
 * <p>For a question's tags, every source is read by tag through an index: profiles through
 * {@code inflow_user_expertise} (kept beside {@code inflow_user} by the user store), administrators'
 * declarations through {@code inflow_expertise}'s tag index, answers from the questions with the
 * tags. So asking a question reads the people who know its tags, not every profile or answer of
 * the tenant. Listing experts over all tags reads them all.
 *
 * <p>Candidate lists are cached per tenant and tag set for a minute and dropped on local changes
 * that affect them. Thread-safe.
 */
final class ExpertDirectory implements Experts {
  static final double DECLARED = 5;
  static final double ACCEPTED = 3;
  static final double VERIFIED = 2;
  static final double UPVOTE = 0.5;
  private static final int MAX_DECLARED = 20;
  /** The SQL type of user ids in key lists (the columns' own type). */
  static final String USER_ID_TYPE = "VARCHAR(128)";
  /** The SQL type of tags in key lists. */
  static final String TAG_TYPE = "VARCHAR(50)";

  /**
   * Someone who qualifies for some of the asked tags.
   *
   * @param user their profile (a bare one when nobody knows more than the id)
   * @param declaredTags the asked tags they declared, each with its sources
   * @param score declared plus decayed inferred weight over the asked tags
   * @param reasons strongest first
   */
  record Candidate(User user, Map<String, Set<String>> declaredTags, double score, List<ExpertReason> reasons) {
    String id() {
      return user.id();
    }
  }

  /** An answer that earned its author expertise on a tag, as stored. */
  private record Earned(String authorId, String tag, boolean accepted, boolean verified, int upvotes, Instant at) {}

  /** Counts and decayed weight of one user's answers on one tag. */
  private static final class Merit {
    int accepted;
    int verified;
    int upvotes;
    double weight;
  }

  private final Platform platform;
  private final UserDirectory directory;
  private final QuestionSettings settings;
  /**
   * Answers that earned expertise, per tenant|tags: a scan of answers, dropped on every local change
   * that moves it. Their weight is computed on each use, since it depends on the time.
   */
  private final Cache<String, List<Earned>> earned = Caffeine.newBuilder()
      .maximumSize(10_000)
      .expireAfterWrite(Duration.ofMinutes(1))
      .build();
  /** The host directory's experts per tenant|tag, as the SPI promises: asked again after a few minutes. */
  private final Cache<String, List<User>> directoryExperts = Caffeine.newBuilder()
      .maximumSize(10_000)
      .expireAfterWrite(Duration.ofMinutes(5))
      .build();

  ExpertDirectory(Platform platform, UserDirectory directory, QuestionSettings settings) {
    this.platform = platform;
    this.directory = directory;
    this.settings = settings;
  }

  /** Drops cached merits after a change that moves them (an answer accepted, verified, voted on, deleted). */
  void changed() {
    earned.invalidateAll();
  }

  /**
   * Declared expertise is read fresh (a new expert signing in counts at once); merits earned by
   * answers are cached for a minute unless a change here drops them.
   *
   * @param tags the tags to rank for; empty for all tags (the host's directory is then not asked)
   * @return everyone who qualifies for at least one of the tags, best first
   */
  List<Candidate> candidates(String tenant, Collection<String> tags) {
    return compute(tenant, new ArrayList<>(new TreeSet<>(tags)));
  }

  /**
   * @return whether the user declared one of the tags: in their current profile (token or login),
   *     by an administrator, or in the host's directory
   */
  boolean isDeclaredExpert(String tenant, User user, Collection<String> tags) {
    if (tags.isEmpty()) {
      return false;
    }
    if (tags.stream().anyMatch(user.expertise()::contains)) {
      return true;
    }
    List<String> list = List.copyOf(tags);
    boolean byAdmin = platform.db().read(sql -> sql.one("SELECT tag FROM inflow_expertise WHERE tenant_id = ? AND user_id = ? AND tag IN ("
        + Sql.placeholders(list) + ")", row -> Boolean.TRUE, Sql.params(list, tenant, user.id()))).isPresent();
    return byAdmin || list.stream().anyMatch(tag -> fromDirectory(tenant, tag).stream().anyMatch(u -> u.id().equals(user.id())));
  }

  private List<User> fromDirectory(String tenant, String tag) {
    return directoryExperts.get(tenant + "|" + tag, k -> List.copyOf(directory.withExpertise(tenant, tag)));
  }

  /** @return the users among the ids who said they are away */
  static Set<String> away(Sql sql, String tenant, Collection<String> ids) throws SQLException {
    Set<String> away = new HashSet<>();
    if (ids.isEmpty()) {
      return away;
    }
    List<Object> params = new ArrayList<>(ids);
    params.add(tenant);
    sql.list("SELECT s.user_id FROM " + Sql.valuesTable(ids.size(), USER_ID_TYPE, "k", "id")
        + " JOIN inflow_expert_status s ON s.tenant_id = ? AND s.user_id = k.id WHERE s.away = TRUE",
        row -> away.add(row.string("user_id")), params.toArray());
    return away;
  }

  /** @return per user, how many questions routed to them still wait for a first answer */
  static Map<String, Integer> openLoad(Sql sql, String tenant, Collection<String> ids) throws SQLException {
    Map<String, Integer> load = new HashMap<>();
    if (ids.isEmpty()) {
      return load;
    }
    List<Object> params = new ArrayList<>(ids);
    params.add(tenant);
    sql.list("SELECT r.user_id, COUNT(*) AS n FROM " + Sql.valuesTable(ids.size(), USER_ID_TYPE, "k", "id")
        + " JOIN inflow_question_routing r ON r.tenant_id = ? AND r.user_id = k.id"
        + " JOIN inflow_question q ON q.tenant_id = r.tenant_id AND q.id = r.question_id"
        + " WHERE q.status = 'OPEN' AND q.deleted_at IS NULL GROUP BY r.user_id", row -> load.put(row.string("user_id"), row.intValue("n")),
        params.toArray());
    return load;
  }

  @Override
  public List<Expert> list(Caller caller, Optional<String> tag, int limit) {
    caller.requireUser("see the experts");
    if (limit < 1 || limit > 100) {
      throw new InvalidInputException("limit", "limit must be between 1 and 100 (got " + limit + ")");
    }
    List<String> tags = tag.map(t -> List.of(TagStore.normalizeOne("tag", t))).orElse(List.of());
    List<Candidate> ranked = candidates(caller.tenantId(), tags);
    List<Candidate> top = ranked.subList(0, Math.min(limit, ranked.size()));
    return experts(caller.tenantId(), top);
  }

  @Override
  public Expert declare(Caller caller, String userId, List<String> rawTags) {
    caller.requireUser("declare expertise");
    if (!caller.hasRole(Role.ADMIN)) {
      throw new AccessDeniedException("only administrators declare others' expertise");
    }
    String id = requireUserId(userId);
    List<String> tags = rawTags == null || rawTags.stream().allMatch(t -> t == null || t.isBlank()) ? List.of()
        : declaredTags(rawTags);
    platform.rateLimiter().acquireWrite(caller);
    String tenant = caller.tenantId();
    platform.db().transaction(sql -> {
      sql.update("DELETE FROM inflow_expertise WHERE tenant_id = ? AND user_id = ?", tenant, id);
      Instant now = platform.now();
      for (String tag : tags) {
        sql.update("INSERT INTO inflow_expertise (tenant_id, user_id, tag, set_by, created_at) VALUES (?, ?, ?, ?, ?)",
            tenant, id, tag, caller.userId().orElseThrow(), now);
      }
      return null;
    });
    changed();
    return profile(tenant, id);
  }

  @Override
  public Expert setAway(Caller caller, String userId, boolean away) {
    User user = caller.requireUser("change availability");
    String id = requireUserId(userId);
    if (!user.id().equals(id) && !caller.hasRole(Role.ADMIN)) {
      throw new AccessDeniedException("you can set only your own availability");
    }
    platform.rateLimiter().acquireWrite(caller);
    String tenant = caller.tenantId();
    platform.db().transaction(sql -> {
      Instant now = platform.now();
      if (sql.update("UPDATE inflow_expert_status SET away = ?, updated_at = ? WHERE tenant_id = ? AND user_id = ?", away, now, tenant, id) == 0
          && !sql.insertIfAbsent("INSERT INTO inflow_expert_status (tenant_id, user_id, away, updated_at) VALUES (?, ?, ?, ?)",
              tenant, id, away, now)) {
        sql.update("UPDATE inflow_expert_status SET away = ?, updated_at = ? WHERE tenant_id = ? AND user_id = ?", away, now, tenant, id);
      }
      return null;
    });
    return profile(tenant, id);
  }

  /** @return one user as an expert over all tags (score 0 and no reasons when they qualify for none) */
  Expert profile(String tenant, String userId) {
    Candidate candidate = candidates(tenant, List.of()).stream().filter(c -> c.id().equals(userId)).findFirst()
        .orElseGet(() -> new Candidate(platform.users().find(tenant, userId).orElse(User.of(userId, userId)), Map.of(), 0, List.of()));
    return experts(tenant, List.of(candidate)).get(0);
  }

  private List<Expert> experts(String tenant, List<Candidate> candidates) {
    List<String> ids = candidates.stream().map(Candidate::id).toList();
    Map<String, Set<String>> declared = new HashMap<>();
    Set<String> away = new HashSet<>();
    Map<String, Integer> load = new HashMap<>();
    platform.db().read(sql -> {
      away.addAll(away(sql, tenant, ids));
      load.putAll(openLoad(sql, tenant, ids));
      if (!ids.isEmpty()) {
        List<Object> params = new ArrayList<>(ids);
        params.add(tenant);
        sql.list("SELECT e.user_id, e.tag FROM " + Sql.valuesTable(ids.size(), USER_ID_TYPE, "k", "id")
            + " JOIN inflow_expertise e ON e.tenant_id = ? AND e.user_id = k.id",
            row -> declared.computeIfAbsent(row.string("user_id"), k -> new TreeSet<>()).add(row.string("tag")), params.toArray());
      }
      return null;
    });
    return candidates.stream().map(c -> {
      Set<String> tags = new TreeSet<>(c.user().expertise());
      tags.addAll(declared.getOrDefault(c.id(), Set.of()));
      tags.addAll(c.declaredTags().keySet());
      return new Expert(Author.of(c.user()), List.copyOf(tags), Math.round(c.score() * 100) / 100.0, c.reasons(), away.contains(c.id()),
          load.getOrDefault(c.id(), 0));
    }).toList();
  }

  private List<Candidate> compute(String tenant, List<String> tags) {
    Map<String, User> users = new HashMap<>();
    Map<String, Map<String, Set<String>>> declared = new HashMap<>();
    Map<String, Map<String, Merit>> merits = weigh(earned.get(tenant + "|" + String.join(",", tags), k -> earned(tenant, tags)));
    platform.db().read(sql -> {
      // Routing asks for a question's tags: only the people who declared one of them are read,
      // through (tenant_id, tag) indexes, never every profile of the tenant.
      String profiles = tags.isEmpty()
          ? "SELECT id, name, avatar_url, roles, expertise FROM inflow_user WHERE tenant_id = ? AND expertise <> ''"
          : "SELECT u.id, u.name, u.avatar_url, u.roles, u.expertise FROM " + Sql.valuesTable(tags.size(), TAG_TYPE, "k", "tag")
              + " JOIN inflow_user_expertise x ON x.tenant_id = ? AND x.tag = k.tag"
              + " JOIN inflow_user u ON u.tenant_id = x.tenant_id AND u.id = x.user_id";
      sql.list(profiles, row -> {
        User user = userOf(row);
        users.put(user.id(), user);
        for (String tag : user.expertise()) {
          if (tags.isEmpty() || tags.contains(tag)) {
            declared.computeIfAbsent(user.id(), k -> new TreeMap<>()).computeIfAbsent(tag, k -> new TreeSet<>()).add("profile");
          }
        }
        return null;
      }, keysThenTenant(tags, tenant));
      String byAdmin = tags.isEmpty() ? "SELECT e.user_id, e.tag FROM inflow_expertise e WHERE e.tenant_id = ?"
          : "SELECT e.user_id, e.tag FROM " + Sql.valuesTable(tags.size(), TAG_TYPE, "k", "tag")
              + " JOIN inflow_expertise e ON e.tenant_id = ? AND e.tag = k.tag";
      sql.list(byAdmin,
          row -> declared.computeIfAbsent(row.string("user_id"), k -> new TreeMap<>()).computeIfAbsent(row.string("tag"), k -> new TreeSet<>())
              .add("admin"), keysThenTenant(tags, tenant));
      return null;
    });
    for (String tag : tags) {
      for (User user : fromDirectory(tenant, tag)) {
        users.putIfAbsent(user.id(), user);
        declared.computeIfAbsent(user.id(), k -> new TreeMap<>()).computeIfAbsent(tag, k -> new TreeSet<>()).add("directory");
      }
    }
    return rank(tenant, users, declared, merits);
  }

  /** @return the answers on questions with the tags that were accepted, verified or up-voted */
  private List<Earned> earned(String tenant, List<String> tags) {
    // for some tags, from the questions with those tags (index by tag) rather than every answer of the tenant
    String from = tags.isEmpty() ? " FROM inflow_question_tag t WHERE t.tenant_id = ?"
        : " FROM " + Sql.valuesTable(tags.size(), TAG_TYPE, "k", "tag") + " JOIN inflow_question_tag t ON t.tenant_id = ? AND t.tag = k.tag";
    return platform.db().read(sql -> sql.list("SELECT a.author_id, t.tag, a.accepted, a.verified_by, a.up_votes, a.created_at FROM ("
        + "SELECT t.tenant_id, t.question_id, t.tag" + from + ") t"
        + " JOIN inflow_question q ON q.tenant_id = t.tenant_id AND q.id = t.question_id"
        + " JOIN inflow_answer a ON a.tenant_id = t.tenant_id AND a.question_id = t.question_id"
        + " WHERE a.deleted_at IS NULL AND q.deleted_at IS NULL AND (a.accepted = TRUE OR a.verified_by IS NOT NULL OR a.up_votes > 0)",
        row -> new Earned(row.string("author_id"), row.string("tag"), row.bool("accepted"), row.optionalString("verified_by").isPresent(),
            row.intValue("up_votes"), row.instant("created_at")), keysThenTenant(tags, tenant)));
  }

  /** @return per user and tag, counts and weight, each answer halving in weight every half-life */
  private Map<String, Map<String, Merit>> weigh(List<Earned> answers) {
    Map<String, Map<String, Merit>> merits = new HashMap<>();
    Instant now = platform.now();
    for (Earned e : answers) {
      Merit m = merits.computeIfAbsent(e.authorId(), k -> new TreeMap<>()).computeIfAbsent(e.tag(), k -> new Merit());
      double decay = Math.pow(0.5, (double) Math.max(0, Duration.between(e.at(), now).toSeconds()) / settings.expertiseHalfLife().toSeconds());
      m.accepted += e.accepted() ? 1 : 0;
      m.verified += e.verified() ? 1 : 0;
      m.upvotes += e.upvotes();
      m.weight += decay * ((e.accepted() ? ACCEPTED : 0) + (e.verified() ? VERIFIED : 0) + e.upvotes() * UPVOTE);
    }
    return merits;
  }

  private List<Candidate> rank(String tenant, Map<String, User> users, Map<String, Map<String, Set<String>>> declared,
      Map<String, Map<String, Merit>> merits) {
    Set<String> ids = new LinkedHashSet<>(declared.keySet());
    ids.addAll(merits.keySet());
    List<Candidate> result = new ArrayList<>();
    for (String id : ids) {
      User user = users.computeIfAbsent(id, k -> platform.users().find(tenant, k).orElse(User.of(k, k)));
      Map<String, Set<String>> declaredTags = declared.getOrDefault(id, Map.of());
      List<ExpertReason> reasons = new ArrayList<>();
      double score = 0;
      for (var d : declaredTags.entrySet()) {
        score += DECLARED;
        reasons.add(new ExpertReason("declared", d.getKey(), 0, Optional.of(String.join(",", d.getValue())),
            "declared " + d.getKey() + " (" + String.join(", ", d.getValue()) + ")"));
      }
      for (var e : merits.getOrDefault(id, Map.of()).entrySet()) {
        Merit m = e.getValue();
        score += m.weight;
        addReason(reasons, "accepted", e.getKey(), m.accepted, "accepted answer");
        addReason(reasons, "verified", e.getKey(), m.verified, "verified answer");
        addReason(reasons, "upvoted", e.getKey(), m.upvotes, "up vote");
      }
      reasons.sort(Comparator.comparingDouble(ExpertDirectory::weightOf).reversed());
      result.add(new Candidate(user, declaredTags, score, reasons));
    }
    result.sort(Comparator.comparingDouble(Candidate::score).reversed().thenComparing(Candidate::id));
    return List.copyOf(result);
  }

  /** @return the parameters of a key list followed by the tenant, as {@link Sql#valuesTable} joins bind them */
  private static Object[] keysThenTenant(List<?> keys, String tenant) {
    List<Object> params = new ArrayList<>(keys);
    params.add(tenant);
    return params.toArray();
  }

  private static void addReason(List<ExpertReason> reasons, String kind, String tag, int count, String noun) {
    if (count > 0) {
      reasons.add(new ExpertReason(kind, tag, count, Optional.empty(), count + " " + noun + (count == 1 ? "" : "s") + " on " + tag));
    }
  }

  private static double weightOf(ExpertReason r) {
    return switch (r.kind()) {
      case "declared" -> DECLARED;
      case "accepted" -> ACCEPTED * r.count();
      case "verified" -> VERIFIED * r.count();
      default -> UPVOTE * r.count();
    };
  }

  private static List<String> declaredTags(List<String> raw) {
    Set<String> tags = new LinkedHashSet<>();
    for (String tag : raw) {
      if (tag != null && !tag.isBlank()) {
        tags.add(TagStore.normalizeOne("tags", tag));
      }
    }
    if (tags.size() > MAX_DECLARED) {
      throw new InvalidInputException("tags", "at most " + MAX_DECLARED + " expertise tags per person (got " + tags.size() + ")");
    }
    return List.copyOf(tags);
  }

  private static String requireUserId(String userId) {
    if (userId == null || !userId.matches("[\\p{L}\\p{N}._@+:-]{1,128}")) {
      throw new InvalidInputException("userId", "a user id is 1 to 128 letters, digits or ._@+:-");
    }
    return userId;
  }

  private static User userOf(Row row) throws SQLException {
    String roles = row.string("roles");
    String expertise = row.string("expertise");
    return User.builder(row.string("id"))
        .name(row.string("name"))
        .avatarUrl(row.string("avatar_url"))
        .roles(roles.isEmpty() ? List.of() : Arrays.stream(roles.split(",")).map(Role::fromWireName).flatMap(Optional::stream).toList())
        .expertise(expertise.isEmpty() ? List.of() : Arrays.asList(expertise.split(",")))
        .build();
  }
}
