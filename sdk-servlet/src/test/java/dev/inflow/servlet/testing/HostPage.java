package dev.inflow.servlet.testing;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.regex.Pattern;

/**
 * A host application's page for browser tests: the widget's module script and one
 * {@code <inflow-comments>} whose attributes are the query parameters, e.g.
 * {@code /page?target=kb/travel&lang=de}. Three parameters are not attributes: {@code widget} is the
 * script URL (default {@code /inflow/inflow.js}); {@code csp=strict} sends a Content-Security-Policy
 * that allows no inline script or style, as a careful host would (connections only to itself and to
 * the widget's origin, over HTTP and WebSocket); {@code element} names the element
 * ({@code inflow-comments} by default, or {@code inflow-feed}, {@code inflow-notifications}).
 *
 * <p>Map it at {@code /page/*}: {@code /page/host.js} is the page's own script, which counts the
 * {@code inflow-token-expired} events in {@code window.inflowTokenExpired}.
 */
public final class HostPage extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Pattern ATTRIBUTE = Pattern.compile("[a-z][a-z-]*");
  private static final java.util.Set<String> ELEMENTS = java.util.Set.of("inflow-comments", "inflow-feed", "inflow-notifications");
  private static final String HOST_SCRIPT = """
      window.inflowTokenExpired = 0;
      document.addEventListener('inflow-token-expired', () => window.inflowTokenExpired++);
      """;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if ("/host.js".equals(request.getPathInfo())) {
      write(response, "text/javascript", HOST_SCRIPT);
      return;
    }
    String widget = request.getParameter("widget") != null ? request.getParameter("widget") : "/inflow/inflow.js";
    String name = request.getParameter("element") != null ? request.getParameter("element") : "inflow-comments";
    if (!ELEMENTS.contains(name)) {
      throw new IllegalArgumentException("not an Inflow element: " + name);
    }
    StringBuilder element = new StringBuilder("<" + name);
    for (String parameter : Collections.list(request.getParameterNames())) {
      if (!ATTRIBUTE.matcher(parameter).matches()) {
        throw new IllegalArgumentException("not an attribute name: " + parameter);
      }
      if (!parameter.equals("widget") && !parameter.equals("csp") && !parameter.equals("element")) {
        element.append(' ').append(parameter).append("=\"").append(escape(request.getParameter(parameter))).append('"');
      }
    }
    element.append("></").append(name).append('>');
    if ("strict".equals(request.getParameter("csp"))) {
      String widgetOrigin = widget.startsWith("http") ? " " + URI.create(widget).resolve("/").toString().replaceAll("/$", "") : "";
      response.setHeader("Content-Security-Policy", "default-src 'self'; script-src 'self'" + widgetOrigin
          + "; style-src 'self'; connect-src 'self'" + widgetOrigin + widgetOrigin.replace(" http", " ws")
          + "; img-src 'self' data:; object-src 'none'; base-uri 'none'");
    }
    write(response, "text/html", """
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Host page</title><link rel="icon" href="data:,">
        <script src="%s/page/host.js"></script>
        <script type="module" src="%s"></script></head>
        <body><main><h1>Travel policy</h1>%s</main></body>
        </html>
        """.formatted(request.getContextPath(), escape(widget), element));
  }

  private static void write(HttpServletResponse response, String type, String body) throws IOException {
    response.setContentType(type + "; charset=utf-8");
    response.setHeader("Cache-Control", "no-store");
    response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
  }

  private static String escape(String value) {
    return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
