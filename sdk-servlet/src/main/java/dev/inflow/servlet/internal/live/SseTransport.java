package dev.inflow.servlet.internal.live;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Server-Sent Events over an asynchronous response with non-blocking writes, for networks where
 * WebSocket is blocked. Each frame becomes {@code id: <seq>} (for {@code Last-Event-ID} on
 * reconnect) and {@code data: <frame>}. The same queue bounds as the WebSocket apply.
 */
final class SseTransport implements LiveTransport, WriteListener {
  private final AsyncContext async;
  private final ServletOutputStream out;
  private final Queue<byte[]> queue = new ArrayDeque<>();
  private long queuedBytes;
  private boolean closed;
  private Runnable onClose = () -> { };

  SseTransport(AsyncContext async) throws IOException {
    this.async = async;
    this.out = async.getResponse().getOutputStream();
  }

  void start(Runnable onClose) {
    this.onClose = onClose;
    out.setWriteListener(this);
  }

  @Override
  public void send(String frame) {
    String id = frame.startsWith("{\"type\":\"event\",\"seq\":") ? frame.substring(22, frame.indexOf(',', 22)) : null;
    enqueue(((id == null ? "" : "id: " + id + "\n") + "data: " + frame + "\n\n").getBytes(StandardCharsets.UTF_8));
  }

  /** A comment line that keeps proxies from closing an idle stream. */
  void heartbeat() {
    enqueue(": ping\n\n".getBytes(StandardCharsets.UTF_8));
  }

  private void enqueue(byte[] bytes) {
    boolean tooSlow;
    synchronized (this) {
      if (closed) {
        return;
      }
      tooSlow = queue.size() >= WebSocketTransport.MAX_QUEUED || queuedBytes + bytes.length > WebSocketTransport.MAX_QUEUED_CHARS;
      if (!tooSlow) {
        queue.add(bytes);
        queuedBytes += bytes.length;
      }
    }
    if (tooSlow) {
      close(1013, "too slow");
      return;
    }
    try {
      onWritePossible();
    } catch (IOException e) {
      onError(e);
    }
  }

  @Override
  public synchronized void onWritePossible() throws IOException {
    while (!closed && out.isReady()) {
      byte[] next = queue.poll();
      if (next == null) {
        return;
      }
      queuedBytes -= next.length;
      out.write(next);
      if (!out.isReady()) {
        return;
      }
      out.flush();
    }
  }

  @Override
  public void onError(Throwable failure) {
    close(1011, "stream failed");
  }

  @Override
  public void close(int code, String reason) {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      queue.clear();
    }
    onClose.run();
    try {
      async.complete();
    } catch (IllegalStateException e) {
      // already completed by the container (client went away)
    }
  }
}
