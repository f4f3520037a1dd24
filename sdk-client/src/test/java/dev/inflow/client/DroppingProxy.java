package dev.inflow.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy in front of the test server that can cut every connection and refuse new ones for
 * a while: a network drop as a client meets it, without stopping the server.
 */
final class DroppingProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final int targetPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile boolean refusing;
  private volatile int accepted;

  DroppingProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "dropping-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** @return the base URL of the proxied server, e.g. {@code http://127.0.0.1:40123} */
  String baseUrl() {
    return "http://127.0.0.1:" + listener.getLocalPort();
  }

  /** @return connections accepted (and forwarded) so far */
  int accepted() {
    return accepted;
  }

  /** Cuts every open connection and refuses new ones until {@link #heal()}. */
  void cut() {
    refusing = true;
    sockets.forEach(DroppingProxy::closeQuietly);
    sockets.clear();
  }

  /** Forwards new connections again. */
  void heal() {
    refusing = false;
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        if (refusing) {
          closeQuietly(client);
          continue;
        }
        Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        sockets.add(client);
        sockets.add(server);
        accepted++;
        pump(client, server);
        pump(server, client);
      } catch (IOException e) {
        // listener closed, or the server refused: the client sees a dropped connection either way
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread t = new Thread(() -> {
      byte[] buffer = new byte[8192];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // one side went away
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "dropping-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already gone
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    cut();
  }
}
