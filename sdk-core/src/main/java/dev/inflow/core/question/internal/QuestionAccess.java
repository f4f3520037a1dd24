package dev.inflow.core.question.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.inflow.core.Caller;
import dev.inflow.core.NotFoundException;
import dev.inflow.core.internal.OwnedTargets;
import dev.inflow.core.internal.Platform;
import dev.inflow.core.internal.db.Database;
import dev.inflow.core.spi.AccessPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Who may read, write and moderate a question, and through it the owned target keys
 * {@code question:{id}} and {@code answer:{id}} (comments on questions and answers, live topics).
 * A question about a target follows the host's policy for that target; a question about no target
 * is readable and writable by every signed-in user of the tenant and moderated by tenant
 * moderators. Community managers of one of its tags moderate it too.
 *
 * <p>Key lookups are cached for 30 seconds (a question's target never changes; a deletion on
 * another node shows after at most that long). Thread-safe.
 */
final class QuestionAccess implements OwnedTargets.Owner {
  static final String QUESTION_PREFIX = "question";
  static final String ANSWER_PREFIX = "answer";

  /** What access checks need to know about a question. */
  record Meta(Optional<String> targetKey, List<String> tags, boolean deleted) {}

  private final Database db;
  private final AccessPolicy host;
  private final TagStore tags;
  private final Cache<String, Optional<Meta>> questions = Caffeine.newBuilder()
      .maximumSize(100_000)
      .expireAfterWrite(Duration.ofSeconds(30))
      .build();
  /** Answer to question id, empty for unknown or deleted answers. */
  private final Cache<String, Optional<Long>> answers = Caffeine.newBuilder()
      .maximumSize(100_000)
      .expireAfterWrite(Duration.ofSeconds(30))
      .build();

  QuestionAccess(Platform platform, TagStore tags) {
    this.db = platform.db();
    this.host = platform.targetOwners().host();
    this.tags = tags;
  }

  static String questionKey(long id) {
    return QUESTION_PREFIX + ":" + id;
  }

  static String answerKey(long id) {
    return ANSWER_PREFIX + ":" + id;
  }

  // ---- owned keys ----

  @Override
  public boolean canRead(Caller caller, String key) {
    return meta(caller.tenantId(), key).map(m -> !m.deleted() && reads(caller, m.targetKey())).orElse(false);
  }

  @Override
  public boolean canWrite(Caller caller, String key) {
    return meta(caller.tenantId(), key).map(m -> !m.deleted() && writes(caller, m.targetKey())).orElse(false);
  }

  @Override
  public boolean canModerate(Caller caller, String key) {
    return meta(caller.tenantId(), key).map(m -> moderates(caller, m.targetKey(), m.tags())).orElse(false);
  }

  // ---- rows at hand ----

  boolean canRead(Caller caller, QuestionRow row) {
    return !row.deleted() && reads(caller, row.targetKey());
  }

  boolean canWrite(Caller caller, QuestionRow row) {
    return !row.deleted() && writes(caller, row.targetKey());
  }

  boolean canModerate(Caller caller, QuestionRow row) {
    return moderates(caller, row.targetKey(), row.tags());
  }

  /** @return whether the caller may read a target a question would be about */
  boolean canReadTarget(Caller caller, Optional<String> targetKey) {
    return reads(caller, targetKey);
  }

  /** @return whether the caller may write on a target a question would be about */
  boolean canWriteTarget(Caller caller, Optional<String> targetKey) {
    return writes(caller, targetKey);
  }

  /** Forgets what is cached about a question after it changed here. */
  void forget(String tenant, long questionId) {
    questions.invalidate(tenant + "|" + questionId);
  }

  /** Forgets what is cached about an answer after it changed here. */
  void forgetAnswer(String tenant, long answerId) {
    answers.invalidate(tenant + "|" + answerId);
  }

  /** @return the id of a question key, or empty when the key is not one */
  static Optional<Long> idOf(String key, String prefix) {
    if (!key.startsWith(prefix + ":")) {
      return Optional.empty();
    }
    try {
      long id = Long.parseLong(key.substring(prefix.length() + 1));
      return id > 0 ? Optional.of(id) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * @param what the id as given (path or body)
   * @return the id
   * @throws NotFoundException when it cannot name a question or answer
   */
  static long parseId(String kind, String what) {
    try {
      long id = Long.parseLong(what);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new NotFoundException(kind + " " + (what.length() > 40 ? what.substring(0, 40) + "…" : what));
  }

  private boolean reads(Caller caller, Optional<String> targetKey) {
    return targetKey.map(t -> host.canRead(caller, t)).orElse(caller.signedIn());
  }

  private boolean writes(Caller caller, Optional<String> targetKey) {
    return caller.signedIn() && targetKey.map(t -> host.canRead(caller, t) && host.canWrite(caller, t)).orElse(true);
  }

  private boolean moderates(Caller caller, Optional<String> targetKey, List<String> questionTags) {
    if (!caller.signedIn()) {
      return false;
    }
    boolean byPolicy = targetKey.map(t -> host.canRead(caller, t) && host.canModerate(caller, t)).orElse(caller.isModerator());
    return byPolicy || tags.managesAny(caller.tenantId(), caller.userId().orElseThrow(), questionTags);
  }

  private Optional<Meta> meta(String tenant, String key) {
    Optional<Long> questionId = idOf(key, QUESTION_PREFIX);
    if (questionId.isEmpty()) {
      questionId = idOf(key, ANSWER_PREFIX).flatMap(answerId -> answers.get(tenant + "|" + answerId,
          k -> db.read(sql -> sql.one("SELECT question_id FROM inflow_answer WHERE tenant_id = ? AND id = ? AND deleted_at IS NULL",
              row -> row.longValue("question_id"), tenant, answerId))));
    }
    return questionId.flatMap(id -> questions.get(tenant + "|" + id,
        k -> db.read(sql -> sql.one("SELECT target_key, tags, deleted_at FROM inflow_question WHERE tenant_id = ? AND id = ?",
            row -> new Meta(row.optionalString("target_key"), QuestionRow.splitTags(row.string("tags")),
                row.optionalInstant("deleted_at").isPresent()), tenant, id))));
  }
}
