package dev.inflow.core.question.internal;

import dev.inflow.core.AccessDeniedException;
import dev.inflow.core.Caller;
import dev.inflow.core.InvalidInputException;
import dev.inflow.core.Page;
import dev.inflow.core.PageRequest;
import dev.inflow.core.User;
import dev.inflow.core.internal.Cursors;
import dev.inflow.core.internal.Platform;
import dev.inflow.core.internal.text.TextInput;
import dev.inflow.core.question.Answer;
import dev.inflow.core.question.Question;
import dev.inflow.core.question.QuestionQuery;
import dev.inflow.core.question.QuestionRevision;
import dev.inflow.core.question.QuestionThread;
import dev.inflow.core.question.SimilarQuestion;
import dev.inflow.core.question.TagQueue;
import dev.inflow.core.target.internal.TargetKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Lists, single questions with answers, histories, similar questions and the community-manager view. */
final class QuestionReads {
  /** Rows looked at per page while skipping questions the caller may not read. */
  private static final int SCAN_LIMIT = 1_000;
  private static final int QUEUE_SIZE = 50;
  private static final int MAX_QUERY_CHARS = 500;
  private final QuestionParts parts;
  private final Platform platform;

  QuestionReads(QuestionParts parts) {
    this.parts = parts;
    this.platform = parts.platform();
  }

  Page<Question> list(Caller caller, QuestionQuery query, PageRequest page) {
    Optional<String> tag = query.tag().map(t -> TagStore.normalizeOne("tag", t));
    Optional<String> target = query.targetKey().map(k -> TargetKeys.requireValid("target", k));
    Optional<User> user = query.scope() == QuestionQuery.Scope.ALL ? caller.user()
        : Optional.of(caller.requireUser(query.scope() == QuestionQuery.Scope.MINE ? "see your questions" : "see questions for you"));
    long before = page.cursor().map(c -> Cursors.number(Cursors.decode(c, "q", 1).get(0))).orElse(Long.MAX_VALUE);
    if (target.isPresent()) {
      platform.requireReadable(caller, target.get(), "target " + target.get());
    }
    StringBuilder where = new StringBuilder(" WHERE q.tenant_id = ? AND q.deleted_at IS NULL AND q.id < ?");
    List<Object> params = new ArrayList<>(List.of(caller.tenantId()));
    params.add(null);
    tag.ifPresent(t -> {
      where.append(" AND q.id IN (SELECT t.question_id FROM inflow_question_tag t WHERE t.tenant_id = q.tenant_id AND t.tag = ?)");
      params.add(t);
    });
    query.status().ifPresent(s -> {
      where.append(" AND q.status = ?");
      params.add(s.name());
    });
    target.ifPresent(k -> {
      where.append(" AND q.target_key = ?");
      params.add(k);
    });
    if (query.scope() == QuestionQuery.Scope.MINE) {
      where.append(" AND q.author_id = ?");
      params.add(user.orElseThrow().id());
    } else if (query.scope() == QuestionQuery.Scope.ROUTED_TO_ME) {
      where.append(" AND q.id IN (SELECT r.question_id FROM inflow_question_routing r WHERE r.tenant_id = q.tenant_id AND r.user_id = ?)");
      params.add(user.orElseThrow().id());
    }
    return platform.db().read(sql -> {
      List<QuestionRow> picked = new ArrayList<>();
      long position = before;
      boolean exhausted = false;
      int scanned = 0;
      int batch = page.limit() + 1;
      while (picked.size() <= page.limit() && scanned < SCAN_LIMIT) {
        params.set(1, position);
        List<Object> all = new ArrayList<>(params);
        all.add(batch);
        List<QuestionRow> rows = sql.list(QuestionStore.SELECT + where + " ORDER BY q.id DESC LIMIT ?", QuestionRow::map, all.toArray());
        for (QuestionRow row : rows) {
          position = row.id();
          if (picked.size() <= page.limit() && parts.access().canRead(caller, row)) {
            picked.add(row);
          }
        }
        scanned += rows.size();
        if (rows.size() < batch) {
          exhausted = true;
          break;
        }
      }
      boolean more = picked.size() > page.limit() || (!exhausted && scanned >= SCAN_LIMIT);
      List<QuestionRow> items = picked.size() > page.limit() ? picked.subList(0, page.limit()) : picked;
      long last = items.isEmpty() ? position : items.get(items.size() - 1).id();
      Map<Long, List<String>> routed = QuestionStore.routedTo(sql, caller.tenantId(), items.stream().map(QuestionRow::id).toList());
      List<Question> questions = items.stream()
          .map(row -> QuestionView.question(row, caller, routed.getOrDefault(row.id(), List.of()), parts.access()))
          .toList();
      return new Page<>(questions, more ? Optional.of(Cursors.encode("q", last)) : Optional.empty());
    });
  }

  QuestionThread thread(Caller caller, long id) {
    return platform.db().read(sql -> {
      QuestionRow row = parts.readable(sql, caller, id, false);
      String tenant = caller.tenantId();
      List<AnswerRow> answers = AnswerStore.ofQuestion(sql, tenant, id);
      Map<Long, Integer> votes = caller.userId().isPresent()
          ? AnswerStore.votesOf(sql, tenant, caller.userId().get(), answers.stream().map(AnswerRow::id).toList()) : Map.of();
      boolean expert = caller.user().map(u -> parts.experts().isDeclaredExpert(tenant, u, row.tags())).orElse(false);
      Question question = QuestionView.question(row, caller, List.copyOf(QuestionStore.routedTo(sql, tenant, id)), parts.access());
      List<Answer> shaped = answers.stream().map(a -> QuestionView.answer(a, row, caller, parts.access(), expert, votes)).toList();
      return new QuestionThread(question, shaped);
    });
  }

  List<QuestionRevision> history(Caller caller, long id) {
    return platform.db().read(sql -> {
      QuestionRow row = parts.readable(sql, caller, id, false);
      var editor = QuestionView.visibleAuthor(row, caller);
      List<QuestionRevision> revisions = new ArrayList<>(sql.list("SELECT version, title, body, html, tags, created_at"
          + " FROM inflow_question_revision WHERE tenant_id = ? AND question_id = ? ORDER BY version",
          r -> new QuestionRevision(r.longValue("version"), r.string("title"), r.string("body"), r.string("html"),
              QuestionRow.splitTags(r.string("tags")), editor, r.instant("created_at")), caller.tenantId(), id));
      revisions.add(new QuestionRevision(row.version(), row.title(), row.body(), row.html(), row.tags(), editor,
          row.editedAt().orElse(row.createdAt())));
      return revisions;
    });
  }

  List<SimilarQuestion> similar(Caller caller, String rawText, List<String> rawTags, int limit) {
    if (limit < 1 || limit > 20) {
      throw new InvalidInputException("limit", "limit must be between 1 and 20 (got " + limit + ")");
    }
    String text = TextInput.optionalLine("q", rawText, MAX_QUERY_CHARS).orElse("");
    List<String> tags = rawTags.stream().allMatch(t -> t == null || t.isBlank()) ? List.of() : TagStore.normalize("tags", rawTags);
    if (text.codePoints().filter(Character::isLetterOrDigit).count() < 3) {
      return List.of();
    }
    List<SimilarSearch.Hit> hits = parts.search().search(caller.tenantId(), text, tags, limit * 3 + 10);
    Map<Long, Double> scores = new LinkedHashMap<>();
    hits.forEach(h -> scores.put(h.questionId(), h.score()));
    Map<Long, QuestionRow> rows = new HashMap<>();
    platform.db().read(sql -> QuestionStore.findAll(sql, caller.tenantId(), scores.keySet())).forEach(r -> rows.put(r.id(), r));
    List<SimilarQuestion> result = new ArrayList<>();
    for (var hit : scores.entrySet()) {
      QuestionRow row = rows.get(hit.getKey());
      if (row != null && parts.access().canRead(caller, row) && result.size() < limit) {
        result.add(new SimilarQuestion(row.idString(), row.title(), excerpt(row.body()), row.tags(), row.status(), row.answerCount(),
            row.createdAt(), Math.round(hit.getValue() * 1000) / 1000.0));
      }
    }
    return result;
  }

  List<TagQueue> communityQueue(Caller caller, Optional<String> onlyTag) {
    User user = caller.requireUser("see the community-manager view");
    Optional<String> tag = onlyTag.map(t -> TagStore.normalizeOne("tag", t));
    String tenant = caller.tenantId();
    Set<String> managed = parts.tags().managedBy(tenant, user.id());
    boolean moderator = caller.isModerator();
    if (!moderator && managed.isEmpty()) {
      throw new AccessDeniedException("the community-manager view is for moderators and the community managers of tags");
    }
    if (tag.isPresent() && !moderator && !managed.contains(tag.get())) {
      throw new AccessDeniedException("you are not a community manager of " + tag.get());
    }
    return platform.db().read(sql -> {
      Set<String> tags = new LinkedHashSet<>();
      if (tag.isPresent()) {
        tags.add(tag.get());
      } else if (moderator) {
        sql.list("SELECT t.tag, MIN(q.created_at) AS oldest FROM inflow_question_tag t JOIN inflow_question q ON q.tenant_id = t.tenant_id"
            + " AND q.id = t.question_id WHERE t.tenant_id = ? AND q.status = 'OPEN' AND q.deleted_at IS NULL GROUP BY t.tag"
            + " ORDER BY oldest LIMIT 100", row -> tags.add(row.string("tag")), tenant);
      } else {
        tags.addAll(managed);
      }
      List<TagQueue> queues = new ArrayList<>();
      for (String t : tags) {
        String open = " FROM inflow_question q WHERE q.tenant_id = ? AND q.status = 'OPEN' AND q.deleted_at IS NULL"
            + " AND q.id IN (SELECT g.question_id FROM inflow_question_tag g WHERE g.tenant_id = q.tenant_id AND g.tag = ?)";
        int unanswered = (int) sql.count("SELECT COUNT(*)" + open, tenant, t);
        int escalated = (int) sql.count("SELECT COUNT(*)" + open + " AND q.routing_step > 0", tenant, t);
        List<QuestionRow> rows = sql.list(QuestionStore.SELECT + " WHERE q.tenant_id = ? AND q.status = 'OPEN' AND q.deleted_at IS NULL"
            + " AND q.id IN (SELECT g.question_id FROM inflow_question_tag g WHERE g.tenant_id = q.tenant_id AND g.tag = ?)"
            + " ORDER BY q.created_at, q.id LIMIT ?", QuestionRow::map, tenant, t, QUEUE_SIZE * 2);
        List<QuestionRow> readable = rows.stream().filter(r -> parts.access().canRead(caller, r)).limit(QUEUE_SIZE).toList();
        Map<Long, List<String>> routed = QuestionStore.routedTo(sql, tenant, readable.stream().map(QuestionRow::id).toList());
        queues.add(new TagQueue(t, unanswered, escalated, readable.stream()
            .map(r -> QuestionView.question(r, caller, routed.getOrDefault(r.id(), List.of()), parts.access())).toList()));
      }
      return queues;
    });
  }

  /** @return the start of a Markdown body as plain text */
  static String excerpt(String body) {
    String plain = body.replaceAll("```[\\s\\S]*?```", " ").replaceAll("[*_`#>\\[\\]()!|~-]+", " ").replaceAll("\\s+", " ").strip();
    return plain.length() <= 200 ? plain : plain.substring(0, 199) + "…";
  }
}
