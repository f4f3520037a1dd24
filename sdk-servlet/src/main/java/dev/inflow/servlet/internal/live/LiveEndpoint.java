package dev.inflow.servlet.internal.live;

import dev.inflow.core.Caller;
import dev.inflow.core.event.internal.EventHub;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The WebSocket end of one live connection, created per upgrade with the caller already
 * authenticated by {@link LiveRoutes}. Bounds: incoming frames of at most 16 KiB, a ping every 25
 * seconds, closed after 70 seconds without any traffic.
 */
public final class LiveEndpoint extends Endpoint {
  static final int MAX_MESSAGE_BYTES = 16 * 1024;
  static final long IDLE_TIMEOUT_MILLIS = 70_000;
  static final long PING_SECONDS = 25;
  private final Caller caller;
  private final LiveTopics topics;
  private final EventHub hub;
  private final ScheduledExecutorService pinger;
  private final Set<LiveTransport> open;
  private LiveSession live;
  private LiveTransport transport;
  private ScheduledFuture<?> pings;

  LiveEndpoint(Caller caller, LiveTopics topics, EventHub hub, ScheduledExecutorService pinger, Set<LiveTransport> open) {
    this.caller = caller;
    this.topics = topics;
    this.hub = hub;
    this.pinger = pinger;
    this.open = open;
  }

  @Override
  public void onOpen(Session session, EndpointConfig config) {
    session.setMaxTextMessageBufferSize(MAX_MESSAGE_BYTES);
    session.setMaxIdleTimeout(IDLE_TIMEOUT_MILLIS);
    transport = new WebSocketTransport(session);
    open.add(transport);
    live = new LiveSession(caller, topics, hub, transport);
    session.addMessageHandler(String.class, (MessageHandler.Whole<String>) live::onMessage);
    pings = pinger.scheduleAtFixedRate(() -> {
      try {
        if (session.isOpen()) {
          session.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
        }
      } catch (java.io.IOException | RuntimeException e) {
        // a failed ping means the connection is dying; the idle timeout or onClose cleans up
      }
    }, PING_SECONDS, PING_SECONDS, TimeUnit.SECONDS);
  }

  @Override
  public void onClose(Session session, CloseReason reason) {
    cleanUp();
  }

  @Override
  public void onError(Session session, Throwable failure) {
    cleanUp();
  }

  private synchronized void cleanUp() {
    open.remove(transport);
    if (pings != null) {
      pings.cancel(false);
    }
    if (live != null) {
      live.close();
      live = null;
    }
  }
}
