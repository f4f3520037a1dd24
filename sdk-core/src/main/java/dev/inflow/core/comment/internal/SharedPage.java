package dev.inflow.core.comment.internal;

import dev.inflow.core.Page;
import dev.inflow.core.comment.Comment;
import dev.inflow.core.internal.json.Json;
import java.util.Set;

/**
 * A page of comments as every reader without a stake in it sees it (see {@link SharedPages}), with
 * its JSON, written once for all of them.
 */
public final class SharedPage {
  private final Page<Comment> page;
  private final long seq;
  private final Set<String> personal;
  private volatile byte[] json;

  SharedPage(Page<Comment> page, long seq, Set<String> personal) {
    this.page = page;
    this.seq = seq;
    this.personal = Set.copyOf(personal);
  }

  public Page<Comment> page() {
    return page;
  }

  /** @return the live position the page was read at: subscribing from it misses no later change */
  public long seq() {
    return seq;
  }

  /** @return the page as the API writes it, built on first use; callers must not modify it */
  public byte[] json() {
    byte[] bytes = json;
    if (bytes == null) {
      bytes = Json.bytes(page);
      json = bytes;
    }
    return bytes;
  }

  /** @return whether the viewer sees this page differently: their comment, reaction or hidden comment */
  boolean personalTo(String viewerId) {
    return viewerId != null && personal.contains(viewerId);
  }

  /** @return about how many characters the page holds, for the cache's size bound */
  int weight() {
    int chars = 256;
    for (Comment c : page.items()) {
      chars += 2 * (c.body().length() + c.html().length()) + 512;
    }
    return chars;
  }
}
