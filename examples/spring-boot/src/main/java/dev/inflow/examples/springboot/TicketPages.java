package dev.inflow.examples.springboot;

import java.security.Principal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.HtmlUtils;

/** The help desk's pages: the ticket list and one page per ticket with its discussion. */
@Controller
public class TicketPages {
  private final JdbcTemplate jdbc;

  public TicketPages(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  private List<Ticket> tickets(String where, Object... args) {
    return jdbc.query("SELECT id, title, description, status, requester FROM ticket " + where + " ORDER BY id",
        (rs, n) -> new Ticket(rs.getInt("id"), rs.getString("title"), rs.getString("description"), rs.getString("status"), rs.getString("requester")),
        args);
  }

  @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
  @ResponseBody
  String list(Principal user, CsrfToken csrf) {
    StringBuilder rows = new StringBuilder();
    for (Ticket t : tickets("")) {
      rows.append("<tr><td>#").append(t.id()).append("</td><td><a href=\"tickets/").append(t.id()).append("\">").append(esc(t.title()))
          .append("</a></td><td><span class=\"status\">").append(esc(t.status())).append("</span></td><td>").append(esc(name(t.requester())))
          .append("</td></tr>");
    }
    return page("Tickets", user, csrf, "<h1>Tickets</h1><table><thead><tr><th>#</th><th>Title</th><th>Status</th><th>Requester</th></tr></thead><tbody>"
        + rows + "</tbody></table>");
  }

  @GetMapping(value = "/tickets/{id}", produces = MediaType.TEXT_HTML_VALUE)
  @ResponseBody
  String ticket(@PathVariable int id, Principal user, CsrfToken csrf) {
    Ticket t = tickets("WHERE id = ?", id).stream().findFirst().orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    String title = "#" + t.id() + " " + t.title();
    return page(title, user, csrf, "<p><a href=\"../\">← All tickets</a></p><h1>" + esc(title) + "</h1>"
        + "<p class=\"meta\">" + esc(t.status()) + " · requested by " + esc(name(t.requester())) + "</p>"
        + "<p>" + esc(t.description()) + "</p>"
        + "<h2>Discussion</h2><inflow-comments target=\"" + esc(t.targetKey()) + "\" title=\"" + esc(title) + "\"></inflow-comments>");
  }

  private static String page(String title, Principal user, CsrfToken csrf, String main) {
    return """
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><title>%s · Help desk</title><link rel="icon" href="data:,">
        <link rel="stylesheet" href="/tickets.css">
        <script type="module" src="/inflow/inflow.js"></script></head>
        <body><header><strong>Help desk</strong>
        <form method="post" action="/logout"><span>%s</span><input type="hidden" name="%s" value="%s"><button>Sign out</button></form></header>
        <main>%s</main></body></html>
        """.formatted(esc(title), esc(name(user.getName())), esc(csrf.getParameterName()), esc(csrf.getToken()), main);
  }

  private static String name(String username) {
    return Employee.find(username).map(Employee::name).orElse(username);
  }

  private static String esc(String s) {
    return HtmlUtils.htmlEscape(s);
  }
}
