package dev.inflow.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a JFR recording of the server and says where the time and the allocations went: CPU
 * samples by top frame, by the first Inflow frame on the stack, and by thread; allocation samples
 * by class, weighted by the bytes they stand for. Also runnable on its own:
 * {@code java -cp ... dev.inflow.benchmarks.JfrSummary file.jfr}.
 */
public final class JfrSummary {
  private JfrSummary() {}

  public static void main(String[] args) throws IOException {
    for (String file : args) {
      System.out.println(summarize(Path.of(file), 15));
    }
  }

  /** @return a plain-text summary, the top {@code top} entries of each table */
  public static String summarize(Path recording, int top) throws IOException {
    Map<String, Long> topFrames = new HashMap<>();
    Map<String, Long> inflowFrames = new HashMap<>();
    Map<String, Long> inclusive = new HashMap<>();
    Map<String, Long> stacks = new HashMap<>();
    Map<String, Long> threads = new HashMap<>();
    Map<String, Long> allocations = new HashMap<>();
    Map<String, Long> allocationSites = new HashMap<>();
    long samples = 0;
    long allocated = 0;
    List<RecordedEvent> events = RecordingFile.readAllEvents(recording);
    for (RecordedEvent event : events) {
      String type = event.getEventType().getName();
      if (type.equals("jdk.ExecutionSample")) {
        samples++;
        RecordedStackTrace stack = event.getStackTrace();
        RecordedThread thread = event.getThread("sampledThread");
        threads.merge(thread == null ? "?" : threadGroup(thread.getJavaName()), 1L, Long::sum);
        if (stack == null || stack.getFrames().isEmpty()) {
          continue;
        }
        topFrames.merge(method(stack.getFrames().get(0)), 1L, Long::sum);
        inflowFrames.merge(firstInflowFrame(stack), 1L, Long::sum);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (RecordedFrame frame : stack.getFrames()) {
          String m = method(frame);
          if (isInteresting(frame) && seen.add(m)) {
            inclusive.merge(m, 1L, Long::sum);
          }
        }
        stacks.merge(shortStack(stack, 7), 1L, Long::sum);
      } else if (type.equals("jdk.ObjectAllocationSample")) {
        long weight = event.getLong("weight");
        allocated += weight;
        allocations.merge(event.getClass("objectClass").getName(), weight, Long::sum);
        RecordedStackTrace stack = event.getStackTrace();
        if (stack != null) {
          allocationSites.merge(firstInflowFrame(stack), weight, Long::sum);
        }
      }
    }
    StringBuilder out = new StringBuilder();
    out.append("JFR summary of ").append(recording.getFileName()).append(": ").append(samples).append(" CPU samples, ")
        .append(allocated / (1024 * 1024)).append(" MiB allocation sampled\n");
    table(out, "CPU samples by thread", threads, samples, top);
    table(out, "CPU samples by top frame (self time)", topFrames, samples, top);
    table(out, "CPU samples by first Inflow frame on the stack", inflowFrames, samples, top);
    table(out, "CPU samples by method anywhere on the stack (Inflow and library entry points; inclusive)", inclusive, samples, top * 2);
    table(out, "Hottest stacks (top 7 frames, innermost first)", stacks, samples, top);
    table(out, "Allocation by class (sampled bytes)", allocations, allocated, top);
    table(out, "Allocation by first Inflow frame (sampled bytes)", allocationSites, allocated, top);
    return out.toString();
  }

  private static void table(StringBuilder out, String title, Map<String, Long> counts, long total, int top) {
    out.append("\n  ").append(title).append('\n');
    counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top).forEach(e -> out.append(
        String.format(Locale.ROOT, "    %5.1f%%  %s%n", total == 0 ? 0 : 100.0 * e.getValue() / total, e.getKey())));
  }

  private static String firstInflowFrame(RecordedStackTrace stack) {
    if (stack.getFrames().isEmpty()) {
      return "(empty stack)";
    }
    for (RecordedFrame frame : stack.getFrames()) {
      String type = frame.getMethod().getType().getName();
      if (type.startsWith("dev.inflow.") && !type.startsWith("dev.inflow.benchmarks.")) {
        return method(frame);
      }
    }
    return "(no Inflow frame: " + method(stack.getFrames().get(0)) + ")";
  }

  /** Inflow's own methods, and the library entry points whose cost a reader wants to see. */
  private static boolean isInteresting(RecordedFrame frame) {
    String type = frame.getMethod().getType().getName();
    return (type.startsWith("dev.inflow.") && !type.startsWith("dev.inflow.benchmarks."))
        || type.equals("com.fasterxml.jackson.databind.ObjectMapper") || type.equals("org.postgresql.jdbc.PgPreparedStatement")
        || type.equals("org.commonmark.parser.Parser") || type.equals("org.commonmark.renderer.html.HtmlRenderer")
        || type.equals("org.owasp.html.HtmlSanitizer") || type.equals("com.nimbusds.jwt.SignedJWT")
        || type.equals("com.nimbusds.jose.crypto.MACVerifier") || type.equals("org.h2.command.CommandContainer")
        || type.equals("org.eclipse.jetty.server.internal.HttpConnection") || type.equals("sun.nio.ch.SocketChannelImpl");
  }

  private static String shortStack(RecordedStackTrace stack, int depth) {
    StringBuilder s = new StringBuilder();
    List<RecordedFrame> frames = stack.getFrames();
    for (int i = 0; i < Math.min(depth, frames.size()); i++) {
      s.append(i == 0 ? "" : " < ").append(frames.get(i).getMethod().getType().getName().replaceAll("^.*\\.", ""))
          .append('.').append(frames.get(i).getMethod().getName());
    }
    return s.toString();
  }

  private static String method(RecordedFrame frame) {
    return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
  }

  /** Pool threads differ only by number; group them. */
  private static String threadGroup(String name) {
    return name == null ? "?" : name.replaceAll("-?\\d+$", "");
  }
}
