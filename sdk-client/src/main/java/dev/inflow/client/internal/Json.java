package dev.inflow.client.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the server's JSON by hand into the client's records, so that the public records carry no
 * Jackson annotations and every way a body can be wrong ends in one {@link Malformed} naming the
 * field. Unknown fields are ignored: the server may add fields at any time (DESIGN: "add fields
 * freely, do not rename").
 */
public final class Json {
  /** Shared and immutable after construction. */
  static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private Json() {}

  /** A body that is not the JSON the client expects; the transport turns it into an API exception. */
  public static final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Malformed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** @return the bytes parsed as JSON */
  static JsonNode parse(byte[] bytes) {
    if (bytes.length == 0) {
      throw new Malformed("the body is empty", null);
    }
    try {
      JsonNode node = MAPPER.readTree(bytes);
      if (node == null || node.isMissingNode()) {
        throw new Malformed("the body is empty", null);
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new Malformed("the body is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new Malformed("the body could not be read as JSON: " + e.getMessage(), e);
    }
  }

  /** @return the value as JSON bytes */
  static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  static JsonNode object(JsonNode node, String what) {
    if (node == null || !node.isObject()) {
      throw new Malformed(what + " is not a JSON object", null);
    }
    return node;
  }

  static JsonNode requiredObject(JsonNode parent, String field) {
    return object(parent.get(field), "'" + field + "'");
  }

  static String text(JsonNode parent, String field) {
    JsonNode value = parent.get(field);
    if (value == null || !value.isTextual()) {
      throw new Malformed("'" + field + "' is " + describe(value) + ", expected a string", null);
    }
    return value.asText();
  }

  static Optional<String> optionalText(JsonNode parent, String field) {
    JsonNode value = parent.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw new Malformed("'" + field + "' is " + describe(value) + ", expected a string or null", null);
    }
    return Optional.of(value.asText());
  }

  /** @return the string, or the fallback when the field is absent or null (fields newer than DESIGN.md's shapes) */
  static String textOr(JsonNode parent, String field, String fallback) {
    return optionalText(parent, field).orElse(fallback);
  }

  static boolean bool(JsonNode parent, String field) {
    JsonNode value = parent.get(field);
    if (value == null || !value.isBoolean()) {
      throw new Malformed("'" + field + "' is " + describe(value) + ", expected true or false", null);
    }
    return value.asBoolean();
  }

  static boolean boolOr(JsonNode parent, String field, boolean fallback) {
    JsonNode value = parent.get(field);
    return value == null || value.isNull() ? fallback : bool(parent, field);
  }

  static long number(JsonNode parent, String field) {
    JsonNode value = parent.get(field);
    if (value == null || !value.canConvertToExactIntegral() || !value.canConvertToLong()) {
      throw new Malformed("'" + field + "' is " + describe(value) + ", expected a whole number", null);
    }
    return value.asLong();
  }

  static int intOr(JsonNode parent, String field, int fallback) {
    JsonNode value = parent.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.canConvertToExactIntegral() || !value.canConvertToInt()) {
      throw new Malformed("'" + field + "' is " + describe(value) + ", expected a whole number", null);
    }
    return value.asInt();
  }

  static Instant instant(JsonNode parent, String field) {
    return optionalInstant(parent, field).orElseThrow(() -> new Malformed("'" + field + "' is missing, expected a timestamp", null));
  }

  static Optional<Instant> optionalInstant(JsonNode parent, String field) {
    Optional<String> text = optionalText(parent, field);
    try {
      return text.map(Instant::parse);
    } catch (DateTimeParseException e) {
      throw new Malformed("'" + field + "' is not an ISO-8601 timestamp: " + text.get(), e);
    }
  }

  /** @return the strings of an array field; empty when absent or null */
  static List<String> texts(JsonNode parent, String field) {
    JsonNode value = parent.get(field);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw new Malformed("'" + field + "' is " + describe(value) + ", expected an array of strings", null);
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        throw new Malformed("'" + field + "' holds " + describe(item) + ", expected strings", null);
      }
      out.add(item.asText());
    }
    return Collections.unmodifiableList(out);
  }

  /** @return the whole-number values of an object field, in the server's order; empty when absent or null */
  static Map<String, Long> numbers(JsonNode parent, String field) {
    JsonNode value = parent.get(field);
    if (value == null || value.isNull()) {
      return Map.of();
    }
    if (!value.isObject()) {
      throw new Malformed("'" + field + "' is " + describe(value) + ", expected an object of numbers", null);
    }
    Map<String, Long> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : value.properties()) {
      out.put(entry.getKey(), number(value, entry.getKey()));
    }
    return out;
  }

  /** @return the items of a required array field, each read by the reader */
  static <T> List<T> items(JsonNode parent, String field, Reader<T> reader) {
    JsonNode value = parent.get(field);
    if (value == null || !value.isArray()) {
      throw new Malformed("'" + field + "' is " + describe(value) + ", expected an array", null);
    }
    List<T> out = new ArrayList<>(value.size());
    int index = 0;
    for (JsonNode item : value) {
      try {
        out.add(reader.read(object(item, "item")));
      } catch (Malformed e) {
        throw new Malformed(field + "[" + index + "]: " + e.getMessage(), e.getCause());
      }
      index++;
    }
    return out;
  }

  /** @return the items of an array field, each read by the reader; empty when absent or null */
  static <T> List<T> itemsOr(JsonNode parent, String field, Reader<T> reader) {
    JsonNode value = parent.get(field);
    return value == null || value.isNull() ? List.of() : items(parent, field, reader);
  }

  /** @return the object field read by the reader, naming the field when it is wrong; empty when absent or null */
  static <T> Optional<T> optionalObject(JsonNode parent, String field, Reader<T> reader) {
    JsonNode value = parent.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    return Optional.of(objectField(parent, field, reader));
  }

  /** @return the required object field read by the reader, naming the field when it is wrong */
  static <T> T objectField(JsonNode parent, String field, Reader<T> reader) {
    try {
      return reader.read(requiredObject(parent, field));
    } catch (Malformed e) {
      throw new Malformed(field + ": " + e.getMessage(), e.getCause());
    }
  }

  /** @return a number field, whole or not; the fallback when absent or null */
  static double decimalOr(JsonNode parent, String field, double fallback) {
    JsonNode value = parent.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isNumber()) {
      throw new Malformed("'" + field + "' is " + describe(value) + ", expected a number", null);
    }
    return value.asDouble();
  }

  /** @return a whole-number field; empty when absent or null */
  static Optional<Long> optionalNumber(JsonNode parent, String field) {
    JsonNode value = parent.get(field);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(number(parent, field));
  }

  /** @return a whole-number field; the fallback when absent or null */
  static long numberOr(JsonNode parent, String field, long fallback) {
    return optionalNumber(parent, field).orElse(fallback);
  }

  /** Reads one JSON object into a value. */
  @FunctionalInterface
  public interface Reader<T> {
    /** @throws Malformed when the node is not of the expected shape */
    T read(JsonNode node);
  }

  private static String describe(JsonNode value) {
    if (value == null) {
      return "missing";
    }
    if (value.isNull()) {
      return "null";
    }
    return switch (value.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      default -> "of an unexpected kind";
    };
  }
}
