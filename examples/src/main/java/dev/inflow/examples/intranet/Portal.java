package dev.inflow.examples.intranet;

import dev.inflow.core.Caller;
import dev.inflow.core.Inflow;
import dev.inflow.core.User;
import dev.inflow.core.spi.IdentityResolver;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The intranet's own pages: the home page, the business pages, the stylesheet and the user
 * switcher. Everything outside {@code /inflow/*} lands here.
 *
 * <p>Every response carries a strict Content-Security-Policy, and the switcher's form posts are
 * only accepted from the portal's own pages, so another site cannot switch a visitor's identity.
 */
final class Portal extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /** No inline script or style anywhere: the widget must work under this policy. */
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
  static final String SWITCH_USER = "/switch-user";

  private final transient Inflow inflow;
  private final byte[] stylesheet;

  Portal(Inflow inflow) {
    this.inflow = inflow;
    this.stylesheet = resource("static/portal.css");
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws jakarta.servlet.ServletException, IOException {
    response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "same-origin");
    super.service(request, response);
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String path = path(request);
    if (path.equals(Layout.STYLESHEET)) {
      response.setContentType("text/css; charset=utf-8");
      response.setHeader("Cache-Control", "public, max-age=300");
      response.getOutputStream().write(stylesheet);
      return;
    }
    User user = currentUser(request);
    String html;
    if (path.equals("/")) {
      Map<String, Long> counts = inflow.comments().counts(Caller.of(Caller.DEFAULT_TENANT, user),
          BusinessPage.ALL.stream().map(BusinessPage::targetKey).toList());
      html = Layout.home(user, counts);
    } else {
      var page = BusinessPage.at(path);
      if (page.isEmpty()) {
        response.setStatus(404);
      }
      html = page.map(p -> Layout.businessPage(p, user)).orElseGet(() -> Layout.notFound(user));
    }
    // The pages show who is signed in, so no shared cache may keep them.
    response.setHeader("Cache-Control", "private, no-cache");
    response.setContentType("text/html; charset=utf-8");
    response.getOutputStream().write(html.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (!path(request).equals(SWITCH_USER)) {
      refuse(response, 405, "only " + SWITCH_USER + " accepts posts");
      return;
    }
    if (!fromThisSite(request)) {
      refuse(response, 403, "the user switcher only accepts forms from this site's own pages");
      return;
    }
    var user = DemoUsers.byId(String.valueOf(request.getParameter("user")));
    if (user.isEmpty()) {
      refuse(response, 400, "user must be one of the demo users: ana, ben, carla, dev, erin");
      return;
    }
    HttpSession session = request.getSession(true);
    if (!session.isNew()) {
      // A new identity gets a new session id, as after any real sign-in (session fixation).
      request.changeSessionId();
    }
    session.setAttribute(IdentityResolver.SESSION_USER_ATTRIBUTE, user.get());
    String back = String.valueOf(request.getParameter("return"));
    response.setStatus(303);
    response.setHeader("Location", back.equals("/") || BusinessPage.at(back).isPresent() ? back : "/");
  }

  /** The user of this visit; a first-time visitor is the default demo user. */
  private static User currentUser(HttpServletRequest request) {
    HttpSession session = request.getSession(true);
    if (session.getAttribute(IdentityResolver.SESSION_USER_ATTRIBUTE) instanceof User user) {
      return user;
    }
    session.setAttribute(IdentityResolver.SESSION_USER_ATTRIBUTE, DemoUsers.DEFAULT);
    return DemoUsers.DEFAULT;
  }

  /**
   * A form post is the portal's own when the browser says so ({@code Sec-Fetch-Site}) or, for
   * browsers that do not send it, when {@code Origin} names this host. Posts with neither are
   * refused: every current browser sends one of them with a form.
   */
  static boolean fromThisSite(HttpServletRequest request) {
    String fetchSite = request.getHeader("Sec-Fetch-Site");
    if (fetchSite != null) {
      return fetchSite.equalsIgnoreCase("same-origin");
    }
    String origin = request.getHeader("Origin");
    String host = request.getHeader("Host");
    return origin != null && host != null
        && origin.toLowerCase(Locale.ROOT).equals(request.getScheme() + "://" + host.toLowerCase(Locale.ROOT));
  }

  private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
    response.setStatus(status);
    response.setContentType("text/plain; charset=utf-8");
    response.getOutputStream().write((message + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private static String path(HttpServletRequest request) {
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    return path.isEmpty() ? "/" : path;
  }

  private static byte[] resource(String name) {
    try (InputStream in = Portal.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the demo jar lacks " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }
}
