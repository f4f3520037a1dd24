package dev.inflow.servlet.internal.feed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.inflow.core.feed.NewActivity;
import dev.inflow.servlet.internal.http.HttpProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the body of {@code POST /api/v1/activities}: {@code {verb, object:{id,type,name,url},
 * target, actor, tags, xapi}}, where {@code target} is a key or {@code {id,name,url}} and
 * {@code actor} a user id or {@code {id,name}}. Types are checked here, each failure naming its
 * field; values are checked by the core.
 */
final class PublishBody {
  private PublishBody() {}

  static NewActivity read(JsonNode body) {
    if (!body.isObject()) {
      throw HttpProblem.badRequest("$", "a JSON object is required");
    }
    JsonNode object = body.path("object");
    if (!object.isObject()) {
      throw HttpProblem.badRequest("object", "object is required: {\"id\": \"course:java-101\", \"type\": \"course\", \"name\": \"Java 101\"}");
    }
    NewActivity.Builder b = NewActivity.builder(text(body, "verb", "verb"), text(object, "id", "object.id"), text(object, "name", "object.name"));
    optionalText(object, "type", "object.type").ifPresent(b::objectType);
    optionalText(object, "url", "object.url").ifPresent(b::objectUrl);
    JsonNode target = body.path("target");
    if (target.isTextual()) {
      b.target(target.asText(), null, null);
    } else if (target.isObject()) {
      b.target(text(target, "id", "target.id"), optionalText(target, "name", "target.name").orElse(null),
          optionalText(target, "url", "target.url").orElse(null));
    } else if (!target.isMissingNode() && !target.isNull()) {
      throw HttpProblem.badRequest("target", "target is a target key or {\"id\", \"name\", \"url\"}");
    }
    JsonNode actor = body.path("actor");
    if (actor.isTextual()) {
      b.actor(actor.asText(), null);
    } else if (actor.isObject()) {
      b.actor(text(actor, "id", "actor.id"), optionalText(actor, "name", "actor.name").orElse(null));
    } else if (!actor.isMissingNode() && !actor.isNull()) {
      throw HttpProblem.badRequest("actor", "actor is a user id or {\"id\", \"name\"}");
    }
    JsonNode tags = body.path("tags");
    if (tags.isArray()) {
      List<String> list = new ArrayList<>();
      for (JsonNode tag : tags) {
        if (!tag.isTextual()) {
          throw HttpProblem.badRequest("tags", "tags is an array of strings");
        }
        list.add(tag.asText());
      }
      b.tags(list.toArray(String[]::new));
    } else if (!tags.isMissingNode() && !tags.isNull()) {
      throw HttpProblem.badRequest("tags", "tags is an array of strings");
    }
    JsonNode xapi = body.path("xapi");
    if (xapi.isBoolean()) {
      b.xapi(xapi.asBoolean());
    } else if (!xapi.isMissingNode() && !xapi.isNull()) {
      throw HttpProblem.badRequest("xapi", "xapi is true or false");
    }
    return b.build();
  }

  private static String text(JsonNode node, String name, String field) {
    JsonNode value = node.path(name);
    if (value.isMissingNode() || value.isNull()) {
      throw HttpProblem.badRequest(field, field + " is required");
    }
    if (!value.isTextual()) {
      throw HttpProblem.badRequest(field, field + " has the wrong type: expected a string");
    }
    return value.asText();
  }

  private static java.util.Optional<String> optionalText(JsonNode node, String name, String field) {
    JsonNode value = node.path(name);
    if (value.isMissingNode() || value.isNull()) {
      return java.util.Optional.empty();
    }
    if (!value.isTextual()) {
      throw HttpProblem.badRequest(field, field + " has the wrong type: expected a string");
    }
    return java.util.Optional.of(value.asText());
  }
}
