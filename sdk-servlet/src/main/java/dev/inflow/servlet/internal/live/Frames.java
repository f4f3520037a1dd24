package dev.inflow.servlet.internal.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.inflow.core.event.Event;
import dev.inflow.core.internal.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON text frames of the live protocol (DESIGN.md, "Live channel protocol"). */
final class Frames {
  /**
   * The event frame built last. The hub hands one event to every subscriber in turn, and they
   * mostly call its topic by the same name: the frame (about 1.5 KB) is built once for all of
   * them, not once each (the live benchmark's profile put that at 12-17 % of the fan-out's CPU).
   */
  private static volatile EventFrame last;

  private record EventFrame(Event event, String topic, String text) {}

  private Frames() {}

  /** {@code {"type":"event","seq":121,"topic":"target:x","event":{"kind":"comment.created",...}}} */
  static String event(Event event, String topic) {
    EventFrame frame = last;
    if (frame == null || frame.event() != event || !frame.topic().equals(topic)) {
      String payload = event.payload().strip();
      String body = payload.equals("{}") ? "" : "," + payload.substring(1, payload.length() - 1);
      frame = new EventFrame(event, topic, "{\"type\":\"event\",\"seq\":" + event.seq() + ",\"topic\":" + quote(topic)
          + ",\"event\":{\"kind\":" + quote(event.kind()) + body + "}}");
      last = frame;
    }
    return frame.text();
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
