package dev.inflow.core.xapi.internal;

import dev.inflow.core.Author;
import dev.inflow.core.feed.Activity;
import dev.inflow.core.feed.ActivityObject;
import dev.inflow.core.feed.internal.ActivityDraft;
import dev.inflow.core.xapi.XapiSettings;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns activities into xAPI 1.0.3 statements: the actor as an account (home page = the tenant,
 * name = the user id), ADL verbs, objects as activities with names, {@code context.platform}.
 * Comments and answers are about their target (the order commented on, the question answered):
 * that target is the statement's object and the text its {@code result.response}, as the ADL
 * vocabulary defines "commented" and "answered".
 */
final class XapiStatements {
  private static final String ADL = "http://adlnet.gov/expapi/verbs/";
  private static final String AS = "http://activitystrea.ms/schema/1.0/";
  /** Verbs of the ADL vocabulary a host may name by their word. */
  private static final List<String> ADL_WORDS = List.of("answered", "asked", "attempted", "attended", "commented", "completed", "exited",
      "experienced", "failed", "imported", "initialized", "interacted", "launched", "mastered", "passed", "preferred", "progressed",
      "registered", "responded", "resumed", "scored", "shared", "suspended", "terminated", "voided");
  /** ADL activity types a host may name by their word as the object type. */
  private static final List<String> ADL_TYPES = List.of("assessment", "course", "file", "interaction", "lesson", "link", "media",
      "meeting", "module", "objective", "performance", "profile", "question", "simulation");

  private final XapiSettings settings;

  XapiStatements(XapiSettings settings) {
    this.settings = settings;
  }

  /** @return the statement, or empty for activities without a nameable actor (anonymous questions stay anonymous) */
  Optional<Map<String, Object>> statement(String tenant, ActivityDraft draft, Activity view) {
    if (view.actor().isEmpty()) {
      return Optional.empty();
    }
    Author actor = view.actor().get();
    Map<String, Object> statement = new LinkedHashMap<>();
    statement.put("id", UUID.randomUUID().toString());
    statement.put("actor", Map.of("objectType", "Agent", "name", actor.name(),
        "account", Map.of("homePage", homePage(tenant), "name", actor.id())));
    statement.put("verb", Map.of("id", verbIri(view.verb()), "display", Map.of("en-US", displayOf(view.verb()))));
    boolean aboutTarget = view.target().isPresent() && List.of("commented", "replied", "answered").contains(view.verb());
    ActivityObject object = aboutTarget ? view.target().get() : view.object();
    statement.put("object", activity(tenant, object));
    draft.xapiResponse().ifPresent(text -> statement.put("result", Map.of("response", text)));
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("platform", settings.platform());
    if (!aboutTarget && view.target().isPresent()) {
      context.put("contextActivities", Map.of("parent", List.of(activity(tenant, view.target().get()))));
    }
    statement.put("context", context);
    statement.put("timestamp", view.published().toString());
    return Optional.of(statement);
  }

  private String homePage(String tenant) {
    return settings.baseUri() + "tenants/" + tenant;
  }

  private Map<String, Object> activity(String tenant, ActivityObject o) {
    Map<String, Object> definition = new LinkedHashMap<>();
    definition.put("name", Map.of("en-US", o.name()));
    typeIri(o.type()).ifPresent(type -> definition.put("type", type));
    o.url().ifPresent(url -> definition.put("moreInfo", url));
    return Map.of("objectType", "Activity", "id", activityIri(tenant, o), "definition", definition);
  }

  private String activityIri(String tenant, ActivityObject o) {
    String base = homePage(tenant) + "/";
    String id = o.id();
    if (id.startsWith("http://") || id.startsWith("https://")) {
      return id;
    }
    for (String own : List.of("comment", "question", "answer")) {
      if (id.startsWith(own + ":")) {
        return base + own + "s/" + encode(id.substring(own.length() + 1));
      }
    }
    return base + (o.type().equals("target") ? "targets/" : "objects/") + encode(id);
  }

  static String verbIri(String verb) {
    if (verb.startsWith("http://") || verb.startsWith("https://")) {
      return verb;
    }
    return switch (verb) {
      case "replied" -> ADL + "commented";
      case "liked" -> AS + "like";
      case "accepted" -> AS + "accept";
      case "verified" -> AS + "approve";
      default -> ADL_WORDS.contains(verb) ? ADL + verb : "https://inflow.dev/xapi/verbs/" + verb;
    };
  }

  private static String displayOf(String verb) {
    if (verb.startsWith("http://") || verb.startsWith("https://")) {
      String tail = verb.replaceAll("[/#]+$", "");
      return tail.substring(Math.max(tail.lastIndexOf('/'), tail.lastIndexOf('#')) + 1);
    }
    return verb;
  }

  private static Optional<String> typeIri(String type) {
    return switch (type) {
      case "comment" -> Optional.of(AS + "comment");
      case "question" -> Optional.of(AS + "question");
      case "answer" -> Optional.of(AS + "answer");
      case "target" -> Optional.empty();
      default -> ADL_TYPES.contains(type) ? Optional.of("http://adlnet.gov/expapi/activities/" + type) : Optional.empty();
    };
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
