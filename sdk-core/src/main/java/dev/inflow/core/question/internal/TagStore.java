package dev.inflow.core.question.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.inflow.core.AccessDeniedException;
import dev.inflow.core.Caller;
import dev.inflow.core.InvalidInputException;
import dev.inflow.core.Role;
import dev.inflow.core.internal.Platform;
import dev.inflow.core.internal.db.Sql;
import dev.inflow.core.internal.text.TextInput;
import dev.inflow.core.question.QuestionSettings;
import dev.inflow.core.question.Tag;
import dev.inflow.core.question.TagSettings;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The tenant's tag list in {@code inflow_tag}: which tags exist, their deadlines and community
 * managers. Definitions are cached per tenant for 30 seconds, since every access check on a
 * question may ask whether the caller manages one of its tags.
 *
 * <p>Thread-safe.
 */
final class TagStore {
  static final int MAX_TAGS = 5;
  private static final Pattern TAG = Pattern.compile("[\\p{Ll}\\p{N}][\\p{Ll}\\p{N}._+#-]{0,49}");

  /** A tag as defined in the table. */
  record Definition(String tag, String description, Optional<Integer> deadlineMinutes, List<String> communityManagers) {}

  private final Platform platform;
  private final QuestionSettings settings;
  private final Cache<String, Map<String, Definition>> definitions = Caffeine.newBuilder()
      .maximumSize(10_000)
      .expireAfterWrite(Duration.ofSeconds(30))
      .build();

  TagStore(Platform platform, QuestionSettings settings) {
    this.platform = platform;
    this.settings = settings;
  }

  /**
   * @return the tags lower-cased, trimmed, without repeats, in the order given
   * @throws InvalidInputException naming the field when there are none, more than five, or one is malformed
   */
  static List<String> normalize(String field, List<String> raw) {
    Set<String> tags = new LinkedHashSet<>();
    for (String tag : raw == null ? List.<String>of() : raw) {
      if (tag == null) {
        throw new InvalidInputException(field, "tags may not contain null");
      }
      String t = tag.strip().toLowerCase(Locale.ROOT);
      if (!t.isEmpty()) {
        if (!TAG.matcher(t).matches()) {
          throw new InvalidInputException(field, "a tag is 1 to 50 lower-case letters, digits or ._+#- and starts with a letter or digit (got '"
              + (t.length() > 60 ? t.substring(0, 60) + "…" : t) + "')");
        }
        tags.add(t);
      }
    }
    if (tags.isEmpty()) {
      throw new InvalidInputException(field, "at least one tag is required, e.g. [\"vpn\"]");
    }
    if (tags.size() > MAX_TAGS) {
      throw new InvalidInputException(field, "at most " + MAX_TAGS + " tags (got " + tags.size() + ")");
    }
    return List.copyOf(tags);
  }

  /** @return one tag, normalised, for a query parameter or path */
  static String normalizeOne(String field, String raw) {
    return normalize(field, List.of(raw)).get(0);
  }

  /**
   * Makes sure the tags are on the tenant's list, adding new ones when the settings allow it,
   * inside the caller's transaction.
   *
   * @throws InvalidInputException naming {@code tags} for tags not on the list when new ones are not allowed
   */
  void requireKnown(Sql sql, String tenant, List<String> tags) throws SQLException {
    List<String> unknown = new ArrayList<>();
    for (String tag : tags) {
      boolean known = sql.one("SELECT tag FROM inflow_tag WHERE tenant_id = ? AND tag = ?", row -> Boolean.TRUE, tenant, tag).isPresent();
      if (!known) {
        unknown.add(tag);
      }
    }
    if (unknown.isEmpty()) {
      return;
    }
    if (!settings.allowNewTags()) {
      throw new InvalidInputException("tags", "unknown tag" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
          + "; choose from the tags of your organisation (GET /api/v1/tags)");
    }
    Instant now = platform.now();
    for (String tag : unknown) {
      sql.insertIfAbsent("INSERT INTO inflow_tag (tenant_id, tag, description, community_managers, created_at, updated_at)"
          + " VALUES (?, ?, '', '', ?, ?)", tenant, tag, now, now);
    }
    definitions.invalidate(tenant);
  }

  /** @return the shortest deadline among the tags (administrators' settings first, then the configured ones) */
  Duration deadline(String tenant, List<String> tags) {
    Map<String, Definition> defined = definitions(tenant);
    return tags.stream()
        .map(tag -> Optional.ofNullable(defined.get(tag)).flatMap(Definition::deadlineMinutes).map(m -> Duration.ofMinutes(m))
            .orElse(settings.deadlineOf(tag)))
        .min(Comparator.naturalOrder())
        .orElse(settings.defaultDeadline());
  }

  /** @return the due time of the next routing step, a deadline after {@code from} (in business hours, if set) */
  Instant dueAfter(String tenant, List<String> tags, Instant from) {
    Duration deadline = deadline(tenant, tags);
    return settings.businessHours().map(h -> h.plus(from, deadline)).orElse(from.plus(deadline));
  }

  /** @return the community managers of the tags, in tag order, without repeats */
  List<String> communityManagers(String tenant, List<String> tags) {
    Map<String, Definition> defined = definitions(tenant);
    Set<String> ids = new LinkedHashSet<>();
    for (String tag : tags) {
      Optional.ofNullable(defined.get(tag)).ifPresent(d -> ids.addAll(d.communityManagers()));
    }
    return List.copyOf(ids);
  }

  /** @return whether the user manages one of the tags */
  boolean managesAny(String tenant, String userId, List<String> tags) {
    Map<String, Definition> defined = definitions(tenant);
    return tags.stream().map(defined::get).anyMatch(d -> d != null && d.communityManagers().contains(userId));
  }

  /** @return the tags the user manages */
  Set<String> managedBy(String tenant, String userId) {
    Set<String> tags = new TreeSet<>();
    definitions(tenant).values().forEach(d -> {
      if (d.communityManagers().contains(userId)) {
        tags.add(d.tag());
      }
    });
    return tags;
  }

  /** @return every defined tag */
  Set<String> all(String tenant) {
    return new TreeSet<>(definitions(tenant).keySet());
  }

  List<Tag> list(Caller caller) {
    caller.requireUser("see the tags");
    Map<String, Long> counts = new HashMap<>();
    platform.db().read(sql -> sql.list("SELECT t.tag, COUNT(*) AS n FROM inflow_question_tag t JOIN inflow_question q"
        + " ON q.tenant_id = t.tenant_id AND q.id = t.question_id WHERE t.tenant_id = ? AND q.deleted_at IS NULL GROUP BY t.tag",
        row -> counts.put(row.string("tag"), row.longValue("n")), caller.tenantId()));
    return definitions(caller.tenantId()).values().stream()
        .map(d -> toTag(caller.tenantId(), d, counts.getOrDefault(d.tag(), 0L)))
        .sorted(Comparator.comparingLong(Tag::questionCount).reversed().thenComparing(Tag::name))
        .toList();
  }

  Tag define(Caller caller, String rawTag, TagSettings changes) {
    caller.requireUser("define tags");
    if (!caller.hasRole(Role.ADMIN)) {
      throw new AccessDeniedException("only administrators define tags");
    }
    String tag = normalizeOne("tag", rawTag);
    Optional<String> description = changes.description().map(d -> TextInput.optionalLine("description", d, 500).orElse(""));
    Optional<List<String>> managers = changes.communityManagers().map(TagStore::managerIds);
    Optional<Integer> minutes = changes.deadline().map(TagStore::deadlineMinutes);
    platform.rateLimiter().acquireWrite(caller);
    String tenant = caller.tenantId();
    platform.db().transaction(sql -> {
      Instant now = platform.now();
      sql.insertIfAbsent("INSERT INTO inflow_tag (tenant_id, tag, description, community_managers, created_at, updated_at)"
          + " VALUES (?, ?, '', '', ?, ?)", tenant, tag, now, now);
      if (description.isPresent()) {
        sql.update("UPDATE inflow_tag SET description = ?, updated_at = ? WHERE tenant_id = ? AND tag = ?", description.get(), now, tenant, tag);
      }
      if (managers.isPresent()) {
        sql.update("UPDATE inflow_tag SET community_managers = ?, updated_at = ? WHERE tenant_id = ? AND tag = ?",
            String.join(",", managers.get()), now, tenant, tag);
      }
      if (minutes.isPresent()) {
        sql.update("UPDATE inflow_tag SET deadline_minutes = ?, updated_at = ? WHERE tenant_id = ? AND tag = ?", minutes.get(), now, tenant, tag);
      }
      return null;
    });
    definitions.invalidate(tenant);
    long count = platform.db().read(sql -> sql.count("SELECT COUNT(*) FROM inflow_question_tag t JOIN inflow_question q"
        + " ON q.tenant_id = t.tenant_id AND q.id = t.question_id WHERE t.tenant_id = ? AND t.tag = ? AND q.deleted_at IS NULL", tenant, tag));
    return toTag(tenant, definitions(tenant).get(tag), count);
  }

  private Tag toTag(String tenant, Definition d, long count) {
    return new Tag(d.tag(), d.description(), count, d.communityManagers(), deadline(tenant, List.of(d.tag())));
  }

  private static List<String> managerIds(List<String> ids) {
    Set<String> clean = new LinkedHashSet<>();
    for (String id : ids) {
      if (id == null || id.isBlank() || id.length() > 128 || !id.strip().matches("[\\p{L}\\p{N}._@+:-]{1,128}")) {
        throw new InvalidInputException("communityManagers", "community managers are user ids (got '" + id + "')");
      }
      clean.add(id.strip());
    }
    if (clean.size() > 20) {
      throw new InvalidInputException("communityManagers", "at most 20 community managers per tag");
    }
    return List.copyOf(clean);
  }

  private static int deadlineMinutes(Duration deadline) {
    if (deadline.compareTo(QuestionSettings.MIN_DEADLINE) < 0 || deadline.compareTo(QuestionSettings.MAX_DEADLINE) > 0) {
      throw new InvalidInputException("deadlineMinutes", "a deadline is between 5 minutes and 30 days (43200 minutes)");
    }
    return (int) deadline.toMinutes();
  }

  private Map<String, Definition> definitions(String tenant) {
    return definitions.get(tenant, t -> {
      Map<String, Definition> map = new HashMap<>();
      platform.db().read(sql -> sql.list("SELECT tag, description, deadline_minutes, community_managers FROM inflow_tag WHERE tenant_id = ?",
          row -> {
            String managers = row.string("community_managers");
            Optional<Long> minutes = row.optionalLong("deadline_minutes");
            return map.put(row.string("tag"), new Definition(row.string("tag"), row.string("description"), minutes.map(Long::intValue),
                managers.isEmpty() ? List.of() : Arrays.asList(managers.split(","))));
          }, tenant));
      return Map.copyOf(map);
    });
  }
}
