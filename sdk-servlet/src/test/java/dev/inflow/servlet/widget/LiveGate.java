package dev.inflow.servlet.widget;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Stands in for the network between the browser and the live channel: put it in front of
 * {@code /inflow/live/*}. The rest of the API stays reachable whatever the mode, as when only
 * long-lived connections are hit.
 */
final class LiveGate implements Filter {
  enum Mode {
    /** Everything gets through. */
    OPEN,
    /** The live channel is unreachable (503), WebSocket and SSE alike. */
    DOWN,
    /** A corporate proxy that refuses WebSocket upgrades and lets plain HTTP, so SSE, through. */
    NO_WEBSOCKET
  }

  private volatile Mode mode = Mode.OPEN;

  void set(Mode mode) {
    this.mode = mode;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
    Mode now = mode;
    boolean upgrade = "websocket".equalsIgnoreCase(((HttpServletRequest) request).getHeader("Upgrade"));
    if (now == Mode.DOWN || now == Mode.NO_WEBSOCKET && upgrade) {
      ((HttpServletResponse) response).sendError(now == Mode.DOWN ? 503 : 403);
      return;
    }
    chain.doFilter(request, response);
  }
}
