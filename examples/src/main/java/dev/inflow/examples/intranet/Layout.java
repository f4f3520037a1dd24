package dev.inflow.examples.intranet;

import dev.inflow.core.User;
import java.util.Map;

/**
 * The portal's HTML. Pages load the Inflow widget with one module script and place its elements:
 * the notifications bell in the header, the activity feed on the home page, comments and ask an expert on
 * business pages; there is no other script and no inline style, so the strict Content-Security-Policy of the
 * portal holds.
 */
final class Layout {
  static final String WIDGET_SCRIPT = "/inflow/inflow.js";
  static final String STYLESHEET = "/static/portal.css";

  private Layout() {}

  /** The home page: what the demo is and the business pages with their comment counts. */
  static String home(User user, Map<String, Long> counts) {
    StringBuilder cards = new StringBuilder();
    for (BusinessPage page : BusinessPage.ALL) {
      long count = counts.getOrDefault(page.targetKey(), 0L);
      cards.append("""
            <li class="card">
              <p class="section">%s</p>
              <h2><a href="%s">%s</a></h2>
              <p>%s</p>
              <p class="count">%s</p>
            </li>
          """.formatted(Html.escape(page.section()), Html.escape(page.path()), Html.escape(page.title()),
          Html.escape(page.summary()), count == 1 ? "1 comment" : count + " comments"));
    }
    String main = """
          <section class="intro" aria-labelledby="welcome">
            <h1 id="welcome">Welcome, %s</h1>
            <p>This is a made-up company intranet with <strong>Inflow</strong> built in: every business page below
              has its own discussion, right where the work is. Open one, read what colleagues asked, add your own
              comment, then switch to another person in the header to answer it.</p>
            <p>Questions go to the colleagues who know: ask one below or on a business page, then switch to the expert
              for its tag (Ben for travel and VPN, Dev for Java) and find it waiting under <em>Questions for you</em>.</p>
          </section>
          <section class="discussion" aria-label="Ask an expert">
            <inflow-ask></inflow-ask>
          </section>
          <h2 class="list-title">Business pages</h2>
          <ul class="cards">
        %s  </ul>
          <section class="activity" aria-labelledby="activity-title">
            <h2 id="activity-title" class="list-title">What colleagues are up to</h2>
            <inflow-feed></inflow-feed>
          </section>
        """.formatted(Html.escape(firstName(user)), cards);
    return document("Home", "/", user, main);
  }

  /** A business page with its discussion. */
  static String businessPage(BusinessPage page, User user) {
    String main = """
          <nav class="breadcrumb" aria-label="Breadcrumb"><a href="/">Home</a> › %s</nav>
          <h1>%s</h1>
          <article class="content">
        %s
          </article>
          <section class="discussion" aria-labelledby="discussion-title">
            <h2 id="discussion-title">Discussion</h2>
            <inflow-comments target="%s" title="%s"></inflow-comments>
            <noscript><p>The discussion needs JavaScript.</p></noscript>
          </section>
          <section class="discussion" aria-label="Ask an expert">
            <inflow-ask target="%s" title="%s" tags="%s"></inflow-ask>
          </section>
        """.formatted(Html.escape(page.section()), Html.escape(page.title()), page.contentHtml(),
        Html.escape(page.targetKey()), Html.escape(page.title()), Html.escape(page.targetKey()), Html.escape(page.title()),
        Html.escape(page.askTags()));
    return document(page.title(), page.path(), user, main);
  }

  /** The page for a path the portal does not have. */
  static String notFound(User user) {
    String main = """
          <h1>Page not found</h1>
          <p>There is no such page on this intranet. Start again from the <a href="/">home page</a>.</p>
        """;
    return document("Not found", "/", user, main);
  }

  private static String document(String title, String path, User user, String main) {
    return """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>%s – Larkfield intranet</title>
          <link rel="stylesheet" href="%s">
          <link rel="icon" href="data:,">
          <script type="module" src="%s"></script>
        </head>
        <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="topbar">
          <a class="brand" href="/">Larkfield <span>intranet</span></a>
          <nav class="nav" aria-label="Main">
        %s  </nav>
          <inflow-notifications class="bell"></inflow-notifications>
        %s</header>
        <main id="main">
        %s</main>
        <footer class="footer">
          <p>Inflow intranet demo · all people, orders and policies are made up ·
            <a href="/inflow/api/openapi.json">API description</a></p>
        </footer>
        </body>
        </html>
        """.formatted(Html.escape(title), STYLESHEET, WIDGET_SCRIPT, nav(path), switcher(user, path), main);
  }

  private static String nav(String path) {
    StringBuilder nav = new StringBuilder();
    nav.append(link("/", "Home", path));
    for (BusinessPage page : BusinessPage.ALL) {
      nav.append(link(page.path(), page.section(), path));
    }
    return nav.toString();
  }

  private static String link(String href, String text, String current) {
    String aria = href.equals(current) ? " aria-current=\"page\"" : "";
    return "    <a href=\"" + Html.escape(href) + "\"" + aria + ">" + Html.escape(text) + "</a>\n";
  }

  /** The demo's stand-in for single sign-on: pick who you are. */
  private static String switcher(User current, String path) {
    StringBuilder options = new StringBuilder();
    for (User user : DemoUsers.ALL) {
      options.append("      <option value=\"").append(Html.escape(user.id())).append('"')
          .append(user.id().equals(current.id()) ? " selected" : "").append('>')
          .append(Html.escape(DemoUsers.label(user))).append("</option>\n");
    }
    return """
          <form class="switcher" method="post" action="/switch-user">
            <label for="switch-user">Signed in as</label>
            <select id="switch-user" name="user">
        %s    </select>
            <input type="hidden" name="return" value="%s">
            <button type="submit">Switch user</button>
          </form>
        """.formatted(options, Html.escape(path));
  }

  private static String firstName(User user) {
    return user.name().split(" ", 2)[0];
  }
}
