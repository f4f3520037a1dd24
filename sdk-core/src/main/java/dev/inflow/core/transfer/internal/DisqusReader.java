package dev.inflow.core.transfer.internal;

import dev.inflow.core.InvalidInputException;
import dev.inflow.core.comment.internal.CommentImport;
import dev.inflow.core.transfer.UrlMapping;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a Disqus export ({@code <disqus>} with {@code <thread dsq:id>} and {@code <post dsq:id>}
 * elements; a post names its thread and, when it is a reply, its {@code <parent dsq:id>}). Spam is
 * left out; deleted posts are kept as deleted, so that their replies stay in place.
 */
final class DisqusReader {
  private DisqusReader() {}

  static SourceFile read(InputStream xml, UrlMapping mapping) {
    XmlTree.Element root = XmlTree.read(xml, "a Disqus export");
    if (!root.name().equals("disqus")) {
      throw new InvalidInputException("file", "this is not a Disqus export: it starts with <" + root.name() + ">, not <disqus>");
    }
    SourceFile file = new SourceFile();
    Map<String, String> threadUrls = new HashMap<>();
    for (XmlTree.Element thread : root.all("thread")) {
      String id = thread.attributes().get("id");
      if (id == null) {
        continue;
      }
      String url = thread.text("link").orElse("");
      String identifier = thread.text("id").orElse(id);
      Optional<String> key = mapping.keyFor(url, identifier);
      threadUrls.put(id, url);
      if (key.isEmpty()) {
        continue;
      }
      file.threads.add(new CommentImport.Thread(id, key.get(), thread.text("title").map(SourceFile::title).filter(t -> !t.isEmpty()),
          url.matches("(?i)https?://.+") ? Optional.of(url) : Optional.empty()));
    }
    java.util.Set<String> mapped = new java.util.HashSet<>();
    file.threads.forEach(t -> mapped.add(t.sourceId()));
    for (XmlTree.Element post : root.all("post")) {
      String id = post.attributes().get("id");
      String threadId = post.child("thread").map(t -> t.attributes().get("id")).orElse(null);
      if (id == null || threadId == null) {
        file.skip("malformed");
        continue;
      }
      if (post.text("isSpam").map("true"::equalsIgnoreCase).orElse(false)) {
        file.skip("spam");
        continue;
      }
      if (!mapped.contains(threadId)) {
        file.skip("unmapped");
        file.unmapped(threadUrls.getOrDefault(threadId, "(thread " + threadId + ")"));
        continue;
      }
      XmlTree.Element author = post.child("author").orElse(null);
      String name = author == null ? null : author.text("name").orElse(null);
      boolean anonymous = author == null || author.text("isAnonymous").map("true"::equalsIgnoreCase).orElse(false);
      String username = anonymous || author == null ? null : author.text("username").orElse(null);
      String email = author == null ? null : author.text("email").orElse(null);
      String userId = SourceFile.userId("disqus", username, email, name);
      file.posts.add(new CommentImport.Post("disqus:" + id, threadId, post.child("parent").map(p -> p.attributes().get("id"))
          .filter(p -> !p.isBlank()).map(p -> "disqus:" + p),
          userId, SourceFile.displayName(name, username != null ? username : "Guest"), HtmlText.toMarkdown(post.text("message").orElse("")),
          instant(post.text("createdAt").orElse(null), "post " + id),
          post.text("isDeleted").map("true"::equalsIgnoreCase).orElse(false), false));
    }
    return file;
  }

  private static Instant instant(String text, String where) {
    try {
      return Instant.parse(text == null ? "" : text.strip());
    } catch (DateTimeParseException e) {
      throw new InvalidInputException("file", "the createdAt of " + where + " is not an ISO-8601 time such as 2021-03-04T10:15:30Z (got '"
          + text + "')");
    }
  }
}
