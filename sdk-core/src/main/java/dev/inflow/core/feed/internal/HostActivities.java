package dev.inflow.core.feed.internal;

import dev.inflow.core.Author;
import dev.inflow.core.InvalidInputException;
import dev.inflow.core.feed.NewActivity;
import dev.inflow.core.internal.text.TextInput;
import dev.inflow.core.target.internal.TargetKeys;
import dev.inflow.core.target.internal.TargetStore;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Checks an activity a host publishes and turns it into a draft; every failure names its field. */
final class HostActivities {
  static final int MAX_TAGS = 10;
  private static final Pattern WORD_VERB = Pattern.compile("[a-z][a-z0-9-]{0,59}");
  private static final Pattern IRI_VERB = Pattern.compile("https?://[^\\s<>\"{}|\\\\^`]{1,290}");
  private static final Pattern TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,59}");
  /** Prefixes of Inflow's own objects: a host object with such an id would share their fate (hidden when a comment is deleted). */
  private static final List<String> RESERVED = List.of("comment:", "question:", "answer:");

  /** A checked activity: the draft to record, and the target's title and URL to declare. */
  record Checked(ActivityDraft draft, Optional<String> targetTitle, Optional<String> targetUrl) {}

  private HostActivities() {}

  static Checked check(NewActivity a, Author actor) {
    String verb = verb(a.verb());
    String objectId = TextInput.requiredLine("object.id", a.objectId(), 300);
    for (String prefix : RESERVED) {
      if (objectId.toLowerCase(Locale.ROOT).startsWith(prefix)) {
        throw new InvalidInputException("object.id", "object.id may not start with " + prefix + ", which names Inflow's own objects");
      }
    }
    String type = a.objectType() == null || a.objectType().isBlank() ? "object" : a.objectType().strip();
    if (!TYPE.matcher(type).matches()) {
      throw new InvalidInputException("object.type", "object.type is a word of letters, digits or _.- such as course (at most 60)");
    }
    String name = TextInput.requiredLine("object.name", a.objectName(), 300);
    Optional<String> url = url("object.url", a.objectUrl());
    Optional<String> targetKey = a.targetKey().filter(k -> !k.isBlank()).map(k -> TargetKeys.requireValid("target.id", k));
    Optional<String> targetTitle = TextInput.optionalLine("target.name", a.targetTitle().orElse(null), TargetStore.MAX_TITLE);
    Optional<String> targetUrl = url("target.url", a.targetUrl());
    if (targetKey.isEmpty() && (targetTitle.isPresent() || targetUrl.isPresent())) {
      throw new InvalidInputException("target.id", "target.id is required when the target has a name or url");
    }
    if (a.tags().size() > MAX_TAGS) {
      throw new InvalidInputException("tags", "at most " + MAX_TAGS + " tags (got " + a.tags().size() + ")");
    }
    List<String> tags = new ArrayList<>(new LinkedHashSet<>(a.tags().stream().map(t -> Tags.requireValid("tags", t)).toList()));
    return new Checked(new ActivityDraft(Optional.of(actor), verb, objectId, type, name, url, targetKey, targetKey, tags,
        ActivityDraft.groupOf(verb, targetKey, objectId), a.xapi(), Optional.empty()), targetTitle, targetUrl);
  }

  private static String verb(String raw) {
    String verb = raw == null ? "" : raw.strip();
    if (WORD_VERB.matcher(verb).matches() || (IRI_VERB.matcher(verb).matches() && parses(verb))) {
      return verb;
    }
    throw new InvalidInputException("verb", "verb is a lower-case word such as completed, or the http(s) IRI of an xAPI verb");
  }

  private static Optional<String> url(String field, Optional<String> raw) {
    Optional<String> url = raw.map(String::strip).filter(u -> !u.isEmpty());
    if (url.isEmpty()) {
      return url;
    }
    String u = url.get();
    if (u.length() > TargetStore.MAX_URL || !(u.startsWith("https://") || u.startsWith("http://")) || !parses(u)) {
      throw new InvalidInputException(field, field + " is an http or https URL of at most " + TargetStore.MAX_URL + " characters");
    }
    return url;
  }

  private static boolean parses(String uri) {
    try {
      return URI.create(uri).getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
