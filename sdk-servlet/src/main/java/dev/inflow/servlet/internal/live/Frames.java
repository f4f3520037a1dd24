package dev.inflow.servlet.internal.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.inflow.core.event.Event;
import dev.inflow.core.internal.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON text frames of the live protocol (DESIGN.md, "Live channel protocol"). */
final class Frames {
  private Frames() {}

  /** {@code {"type":"event","seq":121,"topic":"target:x","event":{"kind":"comment.created",...}}} */
  static String event(Event event, String topic) {
    String payload = event.payload().strip();
    String body = payload.equals("{}") ? "" : "," + payload.substring(1, payload.length() - 1);
    return "{\"type\":\"event\",\"seq\":" + event.seq() + ",\"topic\":" + quote(topic)
        + ",\"event\":{\"kind\":" + quote(event.kind()) + body + "}}";
  }

  static String subscribed(List<String> topics, long seq) {
    return write(Map.of("type", "subscribed", "topics", topics, "seq", seq));
  }

  static String reset(String topic, long seq) {
    return write(Map.of("type", "reset", "topic", topic, "seq", seq));
  }

  static String error(int status, String topic, String detail) {
    Map<String, Object> frame = new LinkedHashMap<>();
    frame.put("type", "error");
    frame.put("status", status);
    if (topic != null) {
      frame.put("topic", topic);
    }
    frame.put("detail", detail);
    return write(frame);
  }

  static String pong() {
    return "{\"type\":\"pong\"}";
  }

  private static String quote(String s) {
    try {
      return Json.MAPPER.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String write(Object value) {
    return Json.write(value);
  }
}
