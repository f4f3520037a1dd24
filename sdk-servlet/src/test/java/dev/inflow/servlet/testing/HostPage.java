package dev.inflow.servlet.testing;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A host application's page for browser tests: the widget's module script and one Inflow element
 * whose attributes are the query parameters, e.g. {@code /page?target=kb/travel&lang=de}. Some
 * parameters are not attributes: {@code element} names the element (default
 * {@code inflow-comments}); {@code widget} is the script URL (default {@code /inflow/inflow.js}; given
 * more than once, one module script each, in that order); {@code page-lang} is the page's
 * {@code <html lang>} (default {@code en});
 * {@code csp=strict} sends a Content-Security-Policy that allows no inline script or style, as a
 * careful host would (connections only to itself and to the widget's origin, over HTTP and
 * WebSocket); {@code look=brand} adds {@code /page/brand.css}, a host's own look that the element is
 * themed to match ({@link #BRAND_CSS}, also shown in docs/theming.md).
 *
 * <p>Map it at {@code /page/*}: {@code /page/host.js} is the page's own script, which counts the
 * {@code inflow-token-expired} events in {@code window.inflowTokenExpired}, collects what the
 * Content-Security-Policy refused in {@code window.cspViolations}, and notes in {@code window.apiCalls}
 * when each API request was sent and answered, as the page's script saw it (the browser's Resource
 * Timing says when the network service took a request up, which on a busy machine can be after a
 * request sent earlier in the same task was already answered).
 */
public final class HostPage extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Pattern ATTRIBUTE = Pattern.compile("[a-z][a-z-]*");
  private static final Pattern ELEMENT = Pattern.compile("inflow-[a-z]+");
  private static final Set<String> NOT_ATTRIBUTES = Set.of("element", "widget", "csp", "look", "page-lang");
  private static final String HOST_SCRIPT = """
      window.inflowTokenExpired = 0;
      document.addEventListener('inflow-token-expired', () => window.inflowTokenExpired++);
      window.cspViolations = [];
      document.addEventListener('securitypolicyviolation', e => cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
      window.apiCalls = [];
      const pageFetch = window.fetch;
      window.fetch = function (resource) {
        const call = {url: String(resource instanceof Request ? resource.url : resource), sent: performance.now(), answered: Infinity};
        if (call.url.includes('/api/v1/')) apiCalls.push(call);
        const answer = pageFetch.apply(this, arguments);
        answer.finally(() => call.answered = performance.now()).catch(() => {});
        return answer;
      };
      """;
  /** A host's look, and the Inflow theme that matches it: custom properties and parts only. */
  public static final String BRAND_CSS = """
      body { font: 17px/1.6 Georgia, "DejaVu Serif", serif; color: #2b2b2b; background: #faf7f2; margin: 0 auto; max-width: 46rem; padding: 1rem; }
      h1 { font-weight: normal; color: #0f5257; }
      inflow-comments, inflow-ask, inflow-feed, inflow-notifications {
        --inflow-accent: #0f5257;
        --inflow-bg: transparent;
        --inflow-surface: #efe9df;
        --inflow-border: #8a8174;
        --inflow-radius: 2px;
        --inflow-gap: 1rem;
        --inflow-title-size: 1.1em;
      }
      inflow-comments::part(title) { text-transform: uppercase; letter-spacing: .08em; }
      inflow-comments::part(author) { color: #0f5257; }
      """;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if ("/host.js".equals(request.getPathInfo())) {
      write(response, "text/javascript", HOST_SCRIPT);
      return;
    }
    if ("/brand.css".equals(request.getPathInfo())) {
      write(response, "text/css", BRAND_CSS);
      return;
    }
    String[] widgets = request.getParameterValues("widget") != null ? request.getParameterValues("widget") : new String[] {"/inflow/inflow.js"};
    String widget = widgets[0];
    String pageLang = request.getParameter("page-lang") != null ? request.getParameter("page-lang") : "en";
    if (!ATTRIBUTE.matcher(pageLang).matches()) {
      throw new IllegalArgumentException("not a language tag: " + pageLang);
    }
    StringBuilder scripts = new StringBuilder();
    for (String script : widgets) {
      scripts.append("<script type=\"module\" src=\"").append(escape(script)).append("\"></script>");
    }
    String name = request.getParameter("element") != null ? request.getParameter("element") : "inflow-comments";
    if (!ELEMENT.matcher(name).matches()) {
      throw new IllegalArgumentException("not an Inflow element: " + name);
    }
    StringBuilder element = new StringBuilder("<" + name);
    for (String parameter : Collections.list(request.getParameterNames())) {
      if (!ATTRIBUTE.matcher(parameter).matches()) {
        throw new IllegalArgumentException("not an attribute name: " + parameter);
      }
      if (!NOT_ATTRIBUTES.contains(parameter)) {
        element.append(' ').append(parameter).append("=\"").append(escape(request.getParameter(parameter))).append('"');
      }
    }
    element.append("></").append(name).append('>');
    String look = "brand".equals(request.getParameter("look"))
        ? "<link rel=\"stylesheet\" href=\"" + request.getContextPath() + "/page/brand.css\">" : "";
    if ("strict".equals(request.getParameter("csp"))) {
      String widgetOrigin = widget.startsWith("http") ? " " + URI.create(widget).resolve("/").toString().replaceAll("/$", "") : "";
      response.setHeader("Content-Security-Policy", "default-src 'self'; script-src 'self'" + widgetOrigin
          + "; style-src 'self'; connect-src 'self'" + widgetOrigin + widgetOrigin.replace(" http", " ws")
          + "; img-src 'self' data:; object-src 'none'; base-uri 'none'");
    }
    write(response, "text/html", """
        <!doctype html>
        <html lang="%s">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Host page</title><link rel="icon" href="data:,">%s
        <script src="%s/page/host.js"></script>
        %s</head>
        <body><main><h1>Travel policy</h1>%s</main></body>
        </html>
        """.formatted(pageLang, look, request.getContextPath(), scripts, element));
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
