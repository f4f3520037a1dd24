package dev.inflow.core.transfer.internal;

import dev.inflow.core.comment.internal.CommentImport;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a reader found in an export file: threads placed on targets, their comments, and what it
 * left out.
 */
final class SourceFile {
  static final int MAX_UNMAPPED_URLS = 50;
  final List<CommentImport.Thread> threads = new ArrayList<>();
  final List<CommentImport.Post> posts = new ArrayList<>();
  final Map<String, Integer> skipped = new TreeMap<>();
  final List<String> unmappedUrls = new ArrayList<>();

  void skip(String reason) {
    skipped.merge(reason, 1, Integer::sum);
  }

  void unmapped(String url) {
    if (unmappedUrls.size() < MAX_UNMAPPED_URLS && !unmappedUrls.contains(url)) {
      unmappedUrls.add(url);
    }
  }

  /**
   * @return a user id for an imported author: {@code source:name} for accounts of the source,
   *     {@code guest:<hash>} for guests (by e-mail when given, so one guest stays one user)
   */
  static String userId(String source, String account, String email, String name) {
    if (account != null && !account.isBlank()) {
      String id = source + ":" + account.strip().replaceAll("[^\\p{L}\\p{N}._@+:-]", "-");
      return id.length() > 128 ? id.substring(0, 128) : id;
    }
    String basis = email != null && !email.isBlank() ? email.strip().toLowerCase(Locale.ROOT) : (name == null ? "" : name.strip());
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest((source + "\u001F" + basis).getBytes(StandardCharsets.UTF_8));
      return "guest:" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  /** @return a display name that {@link dev.inflow.core.User} accepts */
  static String displayName(String name, String fallback) {
    String n = name == null ? "" : name.replaceAll("\\p{Cntrl}", " ").strip();
    if (n.isEmpty()) {
      n = fallback;
    }
    return n.length() > 200 ? n.substring(0, 200) : n;
  }

  static String title(String title) {
    String t = HtmlText.decode(title == null ? "" : title).replaceAll("\\p{Cntrl}", " ").strip();
    return t.length() > 300 ? t.substring(0, 299) + "…" : t;
  }
}
