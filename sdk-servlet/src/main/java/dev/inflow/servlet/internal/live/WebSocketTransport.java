package dev.inflow.servlet.internal.live;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Sends frames on a WebSocket one at a time with the asynchronous API, from a bounded queue. A
 * client that falls {@link #MAX_QUEUED} frames or {@link #MAX_QUEUED_CHARS} characters behind is
 * disconnected with 1013 (try again later): it reconnects and resumes from its last sequence
 * number instead of making the server hold an ever-growing backlog.
 */
final class WebSocketTransport implements LiveTransport {
  static final int MAX_QUEUED = 512;
  static final int MAX_QUEUED_CHARS = 1 << 20;
  private final Session session;
  private final Queue<String> queue = new ArrayDeque<>();
  private long queuedChars;
  private boolean sending;
  private boolean closed;

  WebSocketTransport(Session session) {
    this.session = session;
  }

  @Override
  public void send(String frame) {
    String next;
    synchronized (this) {
      if (closed) {
        return;
      }
      if (queue.size() >= MAX_QUEUED || queuedChars + frame.length() > MAX_QUEUED_CHARS) {
        closed = true;
        queue.clear();
        next = null;
      } else {
        queue.add(frame);
        queuedChars += frame.length();
        if (sending) {
          return;
        }
        sending = true;
        next = poll();
      }
    }
    if (next == null) {
      closeQuietly(CloseReason.CloseCodes.TRY_AGAIN_LATER, "too slow; reconnect and resume");
      return;
    }
    transmit(next);
  }

  private void transmit(String frame) {
    try {
      session.getAsyncRemote().sendText(frame, result -> {
        String next;
        synchronized (this) {
          next = result.isOK() && !closed ? poll() : null;
          if (next == null) {
            sending = false;
          }
        }
        if (next != null) {
          transmit(next);
        }
      });
    } catch (RuntimeException e) {
      synchronized (this) {
        sending = false;
        closed = true;
      }
    }
  }

  private String poll() {
    String frame = queue.poll();
    if (frame != null) {
      queuedChars -= frame.length();
    }
    return frame;
  }

  @Override
  public void close(int code, String reason) {
    synchronized (this) {
      closed = true;
      queue.clear();
    }
    closeQuietly(CloseReason.CloseCodes.getCloseCode(code), reason);
  }

  private void closeQuietly(CloseReason.CloseCode code, String reason) {
    try {
      if (session.isOpen()) {
        session.close(new CloseReason(code, reason));
      }
    } catch (IOException | RuntimeException e) {
      // the connection is gone either way; the client resumes when it reconnects
    }
  }
}
