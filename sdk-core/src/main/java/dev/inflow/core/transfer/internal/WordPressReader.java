package dev.inflow.core.transfer.internal;

import dev.inflow.core.InvalidInputException;
import dev.inflow.core.comment.internal.CommentImport;
import dev.inflow.core.transfer.UrlMapping;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a WordPress export (WXR: RSS 2.0 with the {@code wp:} namespace). Each {@code <item>} is a
 * post or page with its {@code <wp:comment>}s; {@code wp:comment_parent} makes a reply. Approved
 * comments arrive visible, pending ones hidden for moderators; spam, trash, pingbacks and
 * trackbacks are left out.
 */
final class WordPressReader {
  private static final DateTimeFormatter WP_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  private WordPressReader() {}

  static SourceFile read(InputStream xml, UrlMapping mapping) {
    XmlTree.Element root = XmlTree.read(xml, "a WordPress export (WXR)");
    XmlTree.Element channel = root.name().equals("rss") ? root.child("channel").orElse(null) : null;
    if (channel == null || channel.text("wxr_version").isEmpty()) {
      throw new InvalidInputException("file", "this is not a WordPress export (WXR): it needs <rss><channel> with <wp:wxr_version>");
    }
    Map<String, String> logins = new HashMap<>();
    for (XmlTree.Element author : channel.all("author")) {
      author.text("author_id").ifPresent(id -> author.text("author_login").ifPresent(login -> logins.put(id, login)));
    }
    SourceFile file = new SourceFile();
    for (XmlTree.Element item : channel.all("item")) {
      String postId = item.text("post_id").orElse(null);
      if (postId == null || item.all("comment").isEmpty()) {
        continue;
      }
      String url = item.text("link").orElse("");
      Optional<String> key = mapping.keyFor(url, postId);
      if (key.isEmpty()) {
        file.unmapped(url.isEmpty() ? "(post " + postId + ")" : url);
        item.all("comment").forEach(c -> file.skip("unmapped"));
        continue;
      }
      file.threads.add(new CommentImport.Thread(postId, key.get(), item.text("title").map(SourceFile::title).filter(t -> !t.isEmpty()),
          url.matches("(?i)https?://.+") ? Optional.of(url) : Optional.empty()));
      for (XmlTree.Element comment : item.all("comment")) {
        String id = comment.text("comment_id").orElse(null);
        if (id == null) {
          file.skip("malformed");
          continue;
        }
        String type = comment.text("comment_type").orElse("comment");
        if (type.equals("pingback") || type.equals("trackback")) {
          file.skip(type);
          continue;
        }
        String approved = comment.text("comment_approved").orElse("1");
        if (approved.equals("spam") || approved.equals("trash")) {
          file.skip(approved);
          continue;
        }
        String name = comment.text("comment_author").orElse(null);
        String userNumber = comment.text("comment_user_id").filter(u -> !u.equals("0")).orElse(null);
        String account = userNumber == null ? null : logins.getOrDefault(userNumber, userNumber);
        String userId = SourceFile.userId("wordpress", account, comment.text("comment_author_email").orElse(null), name);
        Optional<String> parent = comment.text("comment_parent").filter(p -> !p.equals("0")).map(p -> "wordpress:" + p);
        file.posts.add(new CommentImport.Post("wordpress:" + id, postId, parent, userId,
            SourceFile.displayName(name, account != null ? account : "Guest"),
            HtmlText.toMarkdown(comment.text("comment_content").orElse("")), date(comment, id), false, approved.equals("0")));
      }
    }
    return file;
  }

  /** The GMT date, else the blog's local date taken as UTC (old exports leave the GMT one at zero). */
  private static Instant date(XmlTree.Element comment, String id) {
    String gmt = comment.text("comment_date_gmt").filter(d -> !d.startsWith("0000")).orElse(null);
    String text = gmt != null ? gmt : comment.text("comment_date").orElse("");
    try {
      return LocalDateTime.parse(text, WP_DATE).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException("file", "the comment_date_gmt of comment " + id + " is not a date such as 2021-03-04 10:15:30 (got '"
          + text + "')");
    }
  }
}
