package dev.inflow.servlet.internal.live;

/** How a live session reaches its client: a WebSocket or an SSE response. Both never block. */
interface LiveTransport {
  /** Queues a frame; a client too slow to keep up is disconnected (it resumes later). */
  void send(String frame);

  /** Ends the connection. @param code a WebSocket close code */
  void close(int code, String reason);
}
