package dev.inflow.benchmarks.server;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The baseline of the live scenarios: the least a Jakarta WebSocket server can do to broadcast a
 * frame. Same Jetty, same upgrade path as Inflow's live channel ({@code upgradeHttpToWebSocket}
 * from a servlet), but no authentication, no topics, no access checks, no event table: a client
 * sends any text frame to join, and {@code POST /bare/broadcast} sends the request body as-is to
 * every joined session with the asynchronous API, from the request's thread.
 */
final class BareBroadcast {
  private final Set<Session> joined = ConcurrentHashMap.newKeySet();

  /** @return the servlet answering {@code GET /bare/live} (upgrade) and {@code POST /bare/broadcast} */
  HttpServlet servlet() {
    return new HttpServlet() {
      private static final long serialVersionUID = 1L;

      @Override
      protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ServerContainer container = (ServerContainer) request.getServletContext().getAttribute(ServerContainer.class.getName());
        Endpoint endpoint = new Endpoint() {
          @Override
          public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
              joined.add(session);
              session.getAsyncRemote().sendText("{\"type\":\"subscribed\"}");
            });
          }

          @Override
          public void onClose(Session session, CloseReason reason) {
            joined.remove(session);
          }

          @Override
          public void onError(Session session, Throwable failure) {
            joined.remove(session);
          }
        };
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(Endpoint.class, request.getRequestURI())
            .configurator(new ServerEndpointConfig.Configurator() {
              @Override
              public <T> T getEndpointInstance(Class<T> endpointClass) {
                return endpointClass.cast(endpoint);
              }
            })
            .build();
        try {
          container.upgradeHttpToWebSocket(request, response, config, Map.of());
        } catch (jakarta.websocket.DeploymentException e) {
          throw new IOException(e);
        }
      }

      @Override
      protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String payload = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int sent = 0;
        for (Session session : joined) {
          session.getAsyncRemote().sendText(payload, result -> { });
          sent++;
        }
        response.setContentType("application/json");
        response.getWriter().print("{\"sessions\":" + sent + "}");
      }
    };
  }

  /** @return sessions that joined and are still open */
  int size() {
    return joined.size();
  }
}
