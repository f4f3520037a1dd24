package dev.inflow.core.notification;

import dev.inflow.core.Caller;
import dev.inflow.core.Page;
import dev.inflow.core.PageRequest;
import java.util.Collection;

/**
 * Each user's notifications: questions routed or escalated to them, answers to their questions,
 * their answers accepted or verified. Every method acts on the caller's own notifications only and
 * needs a signed-in caller ({@link dev.inflow.core.SignInRequiredException} otherwise). New
 * notifications are also delivered live on the topic {@code notifications}, and by e-mail as each
 * user chooses when a {@link Notifier} is configured.
 *
 * <p>Thread-safe.
 */
public interface Notifications {
  /**
   * @param unreadOnly only those not yet marked read
   * @return the caller's notifications, newest first; ones about things the caller may no longer
   *     read are left out
   */
  Page<Notification> list(Caller caller, boolean unreadOnly, PageRequest page);

  /** @return how many of the caller's notifications are unread */
  long unreadCount(Caller caller);

  /**
   * Marks some of the caller's notifications read; ids of others' notifications, unknown ids and
   * notifications already read are skipped.
   *
   * @param ids at most 100 notification ids
   * @return the unread count afterwards
   * @throws dev.inflow.core.InvalidInputException naming {@code ids} for more than 100 ids or ids
   *     that are not numbers
   */
  long markRead(Caller caller, Collection<String> ids);

  /** Marks every notification of the caller read. @return the unread count afterwards (0) */
  long markAllRead(Caller caller);

  /** @return how the caller wants notifications by e-mail (off until they choose) */
  EmailPreference emailPreference(Caller caller);

  /**
   * Sets how the caller wants notifications by e-mail, from the next notification on.
   *
   * @return the preference as stored
   * @throws dev.inflow.core.InvalidInputException naming {@code address} when it is missing (for
   *     instant or daily) or not an e-mail address
   */
  EmailPreference setEmailPreference(Caller caller, EmailPreference preference);
}
