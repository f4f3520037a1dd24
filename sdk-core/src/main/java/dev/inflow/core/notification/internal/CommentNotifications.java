package dev.inflow.core.notification.internal;

import dev.inflow.core.comment.internal.CommentHook;
import dev.inflow.core.internal.Platform;
import dev.inflow.core.internal.db.Sql;
import dev.inflow.core.notification.NotificationReason;
import dev.inflow.core.spi.Target;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What comments mean for notifications: the author of the comment replied to hears of the reply,
 * everyone mentioned hears of the mention. Someone both replied to and mentioned gets one
 * notification (the reply), and nobody is notified of their own comment.
 */
public final class CommentNotifications implements CommentHook {
  private final Platform platform;
  private final DefaultNotifications notifications;

  public CommentNotifications(Platform platform, DefaultNotifications notifications) {
    this.platform = platform;
    this.notifications = notifications;
  }

  @Override
  public void posted(Sql sql, String tenant, Posted c) throws SQLException {
    if (c.parentAuthorId().isEmpty() && c.mentions().isEmpty()) {
      return;
    }
    // Read with this transaction's connection: the comment may have declared the target just now.
    Target target = platform.targets().resolve(sql, tenant, c.targetKey());
    Set<String> told = new LinkedHashSet<>();
    if (c.parentAuthorId().isPresent()) {
      told.add(c.parentAuthorId().get());
      notifications.send(sql, tenant, NewNotification.aboutComment(c.parentAuthorId().get(), NotificationReason.COMMENT_REPLIED, c.id(),
          c.targetKey(), target.title(), c.author().id(), target.url()));
    }
    for (String mentioned : c.mentions()) {
      if (told.add(mentioned)) {
        notifications.send(sql, tenant, NewNotification.aboutComment(mentioned, NotificationReason.MENTIONED, c.id(), c.targetKey(),
            target.title(), c.author().id(), target.url()));
      }
    }
  }

  @Override
  public void edited(Sql sql, String tenant, long commentId, String body) {
    // A mention added by an edit is not announced: people would be notified again on every fix of a typo.
  }

  @Override
  public void reacted(Sql sql, String tenant, Reacted reaction) {}

  @Override
  public void withdrawn(Sql sql, String tenant, long commentId) {
    // Nothing to take back: the list leaves out what the recipient may no longer read.
  }

  @Override
  public void restored(Sql sql, String tenant, long commentId) {}
}
