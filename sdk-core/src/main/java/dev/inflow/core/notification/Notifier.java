package dev.inflow.core.notification;

/**
 * Sends notifications outside Inflow, by e-mail or anything else a host prefers (chat, a
 * company's push service). Inflow calls it from its background jobs, never inside a request: a
 * send that throws is retried with backoff and dead-lettered (visible to administrators) after
 * the last attempt. {@link SmtpNotifier} is the implementation for a mail server.
 *
 * <p>Implementations must be thread-safe. A send may be repeated after a crash between sending
 * and recording it; {@link NotificationEmail#id()} stays the same across repeats, so receivers
 * that care can drop duplicates (the SMTP notifier uses it as the {@code Message-ID}).
 */
@FunctionalInterface
public interface Notifier {
  /**
   * Sends one message.
   *
   * @param email what to send and to whom; never null
   * @throws Exception when it could not be sent; Inflow retries later
   */
  void send(NotificationEmail email) throws Exception;
}
