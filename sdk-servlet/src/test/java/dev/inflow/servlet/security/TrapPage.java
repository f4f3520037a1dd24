package dev.inflow.servlet.security;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A host page that watches for injected script: {@code /trap/page?element=inflow-comments&target=x}
 * (other query parameters become attributes of the element). Before the widget loads, {@code trap.js}
 * sets {@code window.__xss = 0}, replaces {@code alert}, {@code confirm}, {@code prompt} and
 * {@code print} with recorders, and listens for Content-Security-Policy violations.
 * The page is served with a strict <em>report-only</em> policy, so injected script would still run
 * (and be caught by the recorders) while every inline script, handler, {@code javascript:} URL or
 * inline style is also reported, to {@code /trap/csp} and to the page's listener.
 *
 * <p>Map it at {@code /trap/*}. Thread-safe.
 */
final class TrapPage extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final String TRAP = """
      window.__xss = 0;
      window.__calls = [];
      window.__csp = [];
      for (const name of ['alert', 'confirm', 'prompt', 'print']) {
        window[name] = (...args) => { window.__calls.push(name + '(' + args.join(',') + ')'); };
      }
      document.addEventListener('securitypolicyviolation', e =>
        window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')), true);
      """;
  private final transient List<String> reports = new CopyOnWriteArrayList<>();

  /** @return the CSP violation reports the browser posted so far */
  List<String> reports() {
    return reports;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if ("/trap.js".equals(request.getPathInfo())) {
      write(response, "text/javascript", TRAP);
      return;
    }
    String name = request.getParameter("element");
    if (!List.of("inflow-comments", "inflow-feed", "inflow-ask").contains(name)) {
      response.sendError(400, "element");
      return;
    }
    StringBuilder element = new StringBuilder("<" + name);
    request.getParameterMap().forEach((key, values) -> {
      if (!key.equals("element") && key.matches("[a-z][a-z-]*")) {
        element.append(' ').append(key).append("=\"").append(escape(values[0])).append('"');
      }
    });
    element.append("></").append(name).append('>');
    response.setHeader("Content-Security-Policy-Report-Only", "default-src 'self'; script-src 'self'; style-src 'self'; "
        + "img-src * data:; connect-src 'self'; object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'self'; "
        + "report-uri /trap/csp");
    write(response, "text/html", """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Trap</title><link rel="icon" href="data:,">
        <script src="/trap/trap.js"></script>
        <script type="module" src="/inflow/inflow.js"></script></head>
        <body><main>%s</main></body></html>
        """.formatted(element));
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if ("/csp".equals(request.getPathInfo())) {
      reports.add(new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
    response.setStatus(204);
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
