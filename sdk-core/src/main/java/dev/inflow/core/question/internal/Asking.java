package dev.inflow.core.question.internal;

import dev.inflow.core.AccessDeniedException;
import dev.inflow.core.Caller;
import dev.inflow.core.ConflictException;
import dev.inflow.core.Created;
import dev.inflow.core.InvalidInputException;
import dev.inflow.core.PreconditionFailedException;
import dev.inflow.core.User;
import dev.inflow.core.internal.Platform;
import dev.inflow.core.internal.idempotency.IdempotencyKeys;
import dev.inflow.core.internal.text.Markdown;
import dev.inflow.core.internal.text.TextInput;
import dev.inflow.core.question.NewQuestion;
import dev.inflow.core.question.Question;
import dev.inflow.core.question.QuestionEdit;
import dev.inflow.core.question.QuestionStatus;
import dev.inflow.core.target.internal.TargetKeys;
import dev.inflow.core.target.internal.TargetStore;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Asking, editing, deleting, closing and reopening questions. */
final class Asking {
  static final int MAX_TITLE = 200;
  private final QuestionParts parts;
  private final Platform platform;

  Asking(QuestionParts parts) {
    this.parts = parts;
    this.platform = parts.platform();
  }

  Created<Question> ask(Caller caller, NewQuestion input, Optional<String> idempotencyKey) {
    User author = caller.requireUser("ask a question");
    String title = TextInput.requiredLine("title", input.title(), MAX_TITLE);
    String body = optionalBody(input.body(), platform.limits().maxBodyChars());
    List<String> tags = TagStore.normalize("tags", input.tags());
    Optional<String> target = input.targetKey().filter(k -> !k.isBlank()).map(k -> TargetKeys.requireValid("targetKey", k.strip()));
    if (target.isPresent() && platform.targetOwners().isOwned(target.get())) {
      throw new InvalidInputException("targetKey", "a question is about a business object of the host, not about another question or answer");
    }
    Optional<String> targetTitle = TextInput.optionalLine("targetTitle", input.targetTitle().orElse(null), TargetStore.MAX_TITLE);
    Optional<String> targetUrl = TextInput.optionalLine("targetUrl", input.targetUrl().orElse(null), TargetStore.MAX_URL);
    idempotencyKey.ifPresent(IdempotencyKeys::requireValid);
    if (target.isPresent()) {
      platform.requireReadable(caller, target.get(), "target " + target.get());
      if (!parts.access().canWriteTarget(caller, target)) {
        throw new AccessDeniedException("you may read but not write on " + target.get());
      }
    }
    platform.rateLimiter().acquireWrite(caller);
    platform.users().remember(caller.tenantId(), author);
    Markdown.Rendered rendered = parts.render(caller, body);
    String tenant = caller.tenantId();
    String requestHash = IdempotencyKeys.hash(title, body, String.join(",", tags), target, input.anonymous(), targetTitle, targetUrl);
    var candidates = parts.routing().candidatesFor(tenant, tags);

    var claim = idempotencyKey.map(key -> new IdempotencyKeys.Claim(tenant, author.id(), key, "question.create", requestHash));
    var outcome = platform.idempotency().once(claim, sql -> {
      parts.tags().requireKnown(sql, tenant, tags);
      long id = sql.nextValue("inflow_question_seq");
      QuestionStore.insert(sql, tenant, id, title, body, rendered.html(), String.join(",", rendered.mentions()), tags, target,
          input.anonymous(), author.id(), platform.now());
      if (target.isPresent()) {
        platform.targets().declare(sql, tenant, target.get(), targetTitle, targetUrl);
      }
      QuestionRow row = QuestionStore.find(sql, tenant, id).orElseThrow();
      List<String> routed = parts.routing().routeNew(sql, tenant, row, candidates);
      parts.event(sql, tenant, row, "question.created", QuestionView.forEveryone(row, routed));
      parts.mentioned(sql, tenant, row, rendered.mentions(), Optional.empty(), QuestionView.askerAsActor(row));
      parts.hook().asked(sql, tenant, QuestionParts.about(row));
      return row;
    }, QuestionRow::idString);

    if (outcome instanceof IdempotencyKeys.Outcome.Replayed<QuestionRow> earlier) {
      return new Created<>(view(caller, Long.parseLong(earlier.resourceId())), true);
    }
    QuestionRow row = ((IdempotencyKeys.Outcome.Done<QuestionRow>) outcome).value();
    parts.afterChange(tenant, row.id());
    platform.metrics().increment("inflow_questions_asked_total", "Questions asked", "tenant", tenant);
    return new Created<>(view(caller, row.id()), false);
  }

  Question edit(Caller caller, long id, QuestionEdit changes, OptionalLong expectedVersion) {
    User editor = caller.requireUser("edit a question");
    Optional<String> newTitle = changes.title().map(t -> TextInput.requiredLine("title", t, MAX_TITLE));
    Optional<String> newBody = changes.body().map(b -> optionalBody(b, platform.limits().maxBodyChars()));
    Optional<List<String>> newTags = changes.tags().map(t -> TagStore.normalize("tags", t));
    platform.rateLimiter().acquireWrite(caller);
    String tenant = caller.tenantId();
    boolean changed = platform.db().transaction(sql -> {
      QuestionRow row = parts.readable(sql, caller, id, true);
      if (!row.author().id().equals(editor.id())) {
        throw new AccessDeniedException("only the asker can edit a question");
      }
      if (expectedVersion.isPresent() && expectedVersion.getAsLong() != row.version()) {
        throw new PreconditionFailedException("question " + id, row.version());
      }
      String title = newTitle.orElse(row.title());
      String body = newBody.orElse(row.body());
      List<String> tags = newTags.orElse(row.tags());
      if (title.equals(row.title()) && body.equals(row.body()) && tags.equals(row.tags())) {
        return false;
      }
      if (!tags.equals(row.tags())) {
        parts.tags().requireKnown(sql, tenant, tags);
        QuestionStore.replaceTags(sql, tenant, id, tags);
      }
      Markdown.Rendered rendered = parts.render(caller, body);
      QuestionStore.saveRevision(sql, tenant, row);
      QuestionStore.updateText(sql, tenant, id, title, body, rendered.html(), String.join(",", rendered.mentions()), tags, platform.now());
      QuestionRow after = QuestionStore.find(sql, tenant, id).orElseThrow();
      parts.event(sql, tenant, after, "question.edited", QuestionView.forEveryone(after, List.copyOf(QuestionStore.routedTo(sql, tenant, id))));
      return true;
    });
    if (changed) {
      parts.access().forget(tenant, id);
      parts.afterChange(tenant, id);
    }
    return view(caller, id);
  }

  void delete(Caller caller, long id) {
    User user = caller.requireUser("delete a question");
    String tenant = caller.tenantId();
    boolean deleted = platform.db().transaction(sql -> {
      Optional<QuestionRow> found = QuestionStore.lock(sql, tenant, id);
      if (found.isPresent() && found.get().deleted()) {
        if (found.get().author().id().equals(user.id()) || parts.access().canModerate(caller, found.get())) {
          return false;
        }
        throw Platform.unreadable(caller, "question " + id);
      }
      QuestionRow row = parts.readable(sql, caller, id, false);
      if (!row.author().id().equals(user.id()) && !parts.access().canModerate(caller, row)) {
        throw new AccessDeniedException("only the asker or a moderator can delete a question");
      }
      QuestionStore.markDeleted(sql, tenant, id, user.id(), platform.now());
      parts.event(sql, tenant, row, "question.deleted", Map.of("id", row.idString()));
      return true;
    });
    if (deleted) {
      parts.access().forget(tenant, id);
      parts.afterChange(tenant, id);
      parts.experts().changed();
    }
  }

  Question closeAsDuplicate(Caller caller, long id, String originalRef) {
    caller.requireUser("close a question");
    long originalId = parseReference("duplicateOf", originalRef);
    if (originalId == id) {
      throw new InvalidInputException("duplicateOf", "a question cannot be a duplicate of itself");
    }
    String tenant = caller.tenantId();
    platform.db().transaction(sql -> {
      QuestionRow row = parts.readable(sql, caller, id, true);
      requireModerator(caller, row, "close");
      QuestionRow original = QuestionStore.find(sql, tenant, originalId).filter(o -> parts.access().canRead(caller, o))
          .orElseThrow(() -> new InvalidInputException("duplicateOf", "duplicateOf must name a question you can read"));
      if (original.duplicateOf().isPresent()) {
        throw new InvalidInputException("duplicateOf", "question " + originalId + " is itself a duplicate of "
            + original.duplicateOf().get() + "; close as a duplicate of that one");
      }
      if (row.status() == QuestionStatus.CLOSED) {
        throw new ConflictException("question " + id + " is already closed");
      }
      Instant now = platform.now();
      sql.update("UPDATE inflow_question SET status = 'CLOSED', duplicate_of = ?, closed_by = ?, closed_at = ?, search_seq = ?"
          + " WHERE tenant_id = ? AND id = ?", originalId, caller.userId().orElseThrow(), now, QuestionStore.nextSearchSeq(sql), tenant, id);
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("id", row.idString());
      payload.put("status", QuestionStatus.CLOSED);
      payload.put("duplicateOf", Long.toString(originalId));
      parts.event(sql, tenant, row, "question.closed", payload);
      return null;
    });
    parts.afterChange(tenant, id);
    return view(caller, id);
  }

  Question reopen(Caller caller, long id) {
    caller.requireUser("reopen a question");
    String tenant = caller.tenantId();
    platform.db().transaction(sql -> {
      QuestionRow row = parts.readable(sql, caller, id, true);
      requireModerator(caller, row, "reopen");
      if (row.status() != QuestionStatus.CLOSED) {
        throw new ConflictException("question " + id + " is not closed");
      }
      QuestionStatus status = row.acceptedAnswerId().isPresent() ? QuestionStatus.ACCEPTED
          : row.answerCount() > 0 ? QuestionStatus.ANSWERED : QuestionStatus.OPEN;
      sql.update("UPDATE inflow_question SET status = ?, duplicate_of = NULL, closed_by = NULL, closed_at = NULL, search_seq = ?"
          + " WHERE tenant_id = ? AND id = ?", status.name(), QuestionStore.nextSearchSeq(sql), tenant, id);
      if (status == QuestionStatus.OPEN) {
        parts.routing().resume(sql, tenant, row);
      }
      parts.event(sql, tenant, row, "question.reopened", Map.of("id", row.idString(), "status", status));
      return null;
    });
    parts.afterChange(tenant, id);
    return view(caller, id);
  }

  private void requireModerator(Caller caller, QuestionRow row, String action) {
    if (!parts.access().canModerate(caller, row)) {
      throw new AccessDeniedException("only moderators and the tags' community managers can " + action + " questions");
    }
  }

  /** @return the question as the caller sees it now */
  Question view(Caller caller, long id) {
    return platform.db().read(sql -> {
      QuestionRow row = parts.readable(sql, caller, id, false);
      return QuestionView.question(row, caller, List.copyOf(QuestionStore.routedTo(sql, caller.tenantId(), id)), parts.access());
    });
  }

  static String optionalBody(String body, int maxChars) {
    return body == null || body.isBlank() ? "" : TextInput.required("body", body, maxChars);
  }

  static long parseReference(String field, String value) {
    try {
      long id = Long.parseLong(value == null ? "" : value.strip());
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidInputException(field, field + " must be the id of a question");
  }
}
