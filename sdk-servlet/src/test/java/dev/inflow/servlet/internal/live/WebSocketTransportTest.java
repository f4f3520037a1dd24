package dev.inflow.servlet.internal.live;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebSocketTransportTest {
  private final List<String> sent = new ArrayList<>();
  private final List<SendHandler> pending = new ArrayList<>();
  private CloseReason closedWith;

  private Session session() {
    RemoteEndpoint.Async remote = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
          if (method.getName().equals("sendText") && args.length == 2) {
            sent.add((String) args[0]);
            pending.add((SendHandler) args[1]);
          }
          return null;
        });
    return (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class}, (proxy, method, args) -> {
      switch (method.getName()) {
        case "getAsyncRemote":
          return remote;
        case "isOpen":
          return closedWith == null;
        case "close":
          closedWith = (CloseReason) args[0];
          return null;
        default:
          return null;
      }
    });
  }

  @Test
  void framesGoOutOneAtATimeInOrder() {
    WebSocketTransport transport = new WebSocketTransport(session());
    transport.send("a");
    transport.send("b");
    transport.send("c");
    assertThat(sent).containsExactly("a");
    pending.get(0).onResult(new SendResult());
    pending.get(1).onResult(new SendResult());
    assertThat(sent).containsExactly("a", "b", "c");
  }

  @Test
  void aClientThatStopsReadingIsCutOffInsteadOfGrowingMemory() {
    WebSocketTransport transport = new WebSocketTransport(session());
    for (int i = 0; i <= WebSocketTransport.MAX_QUEUED + 1; i++) {
      transport.send("frame " + i);
    }
    assertThat(closedWith).isNotNull();
    assertThat(closedWith.getCloseCode()).isEqualTo(CloseReason.CloseCodes.TRY_AGAIN_LATER);
    transport.send("after close");
    assertThat(sent).containsExactly("frame 0");
  }

  @Test
  void aFewHugeFramesAlsoCountAgainstTheBound() {
    WebSocketTransport transport = new WebSocketTransport(session());
    String big = "x".repeat(300_000);
    for (int i = 0; i < 5; i++) {
      transport.send(big);
    }
    assertThat(closedWith).isNotNull();
  }
}
