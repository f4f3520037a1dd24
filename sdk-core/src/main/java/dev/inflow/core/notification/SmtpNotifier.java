package dev.inflow.core.notification;

import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.Objects;
import java.util.Properties;

/**
 * Sends notification e-mail through an SMTP server with Jakarta Mail: plain text, UTF-8, the
 * message's {@link NotificationEmail#id()} as its {@code Message-ID}.
 *
 * <pre>{@code
 * Inflow.builder().notifier(SmtpNotifier.builder("smtp.example.com", "inflow@example.com")
 *     .port(587).startTls(true).credentials("inflow", secret).build())
 * }</pre>
 *
 * <p>Thread-safe: each send opens its own connection (notification mail is a trickle, and a
 * connection kept open would go stale between messages).
 */
public final class SmtpNotifier implements Notifier {
  private final String host;
  private final int port;
  private final InternetAddress from;
  private final Session session;

  private SmtpNotifier(Builder b) {
    this.host = b.host;
    this.port = b.port;
    this.from = b.from;
    Properties props = new Properties();
    props.put("mail.smtp.host", b.host);
    props.put("mail.smtp.port", Integer.toString(b.port));
    String timeout = Long.toString(b.timeout.toMillis());
    props.put("mail.smtp.connectiontimeout", timeout);
    props.put("mail.smtp.timeout", timeout);
    props.put("mail.smtp.writetimeout", timeout);
    props.put("mail.smtp.starttls.enable", Boolean.toString(b.startTls));
    props.put("mail.smtp.starttls.required", Boolean.toString(b.startTls));
    props.put("mail.smtp.auth", Boolean.toString(b.username != null));
    String user = b.username;
    String password = b.password;
    this.session = Session.getInstance(props, user == null ? null : new Authenticator() {
      @Override
      protected PasswordAuthentication getPasswordAuthentication() {
        return new PasswordAuthentication(user, password);
      }
    });
  }

  /**
   * @param host the SMTP server's host name
   * @param from the sender address, e.g. {@code Inflow <inflow@example.com>}
   * @throws IllegalArgumentException when {@code from} is not an e-mail address
   */
  public static Builder builder(String host, String from) {
    return new Builder(host, from);
  }

  @Override
  public void send(NotificationEmail email) throws MessagingException {
    String messageId = "<" + email.id() + "@" + from.getAddress().substring(from.getAddress().indexOf('@') + 1) + ">";
    MimeMessage message = new MimeMessage(session) {
      @Override
      protected void updateMessageID() throws MessagingException {
        // Fixed per notification, so that a resend after a crash is recognisably the same message.
        setHeader("Message-ID", messageId);
      }
    };
    message.setFrom(from);
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(email.address(), true));
    message.setSubject(email.subject(), StandardCharsets.UTF_8.name());
    message.setText(email.text(), StandardCharsets.UTF_8.name());
    message.setSentDate(new Date());
    message.setHeader("Auto-Submitted", "auto-generated");
    Transport.send(message);
  }

  /** @return the server and sender, never the password */
  @Override
  public String toString() {
    return "smtp://" + host + ":" + port + " from " + from.getAddress();
  }

  /** Builds an {@link SmtpNotifier}. Not thread-safe. */
  public static final class Builder {
    private final String host;
    private final InternetAddress from;
    private int port = 25;
    private boolean startTls;
    private String username;
    private String password;
    private Duration timeout = Duration.ofSeconds(10);

    private Builder(String host, String from) {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(from, "from");
      if (host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("host must be a host name such as smtp.example.com (got '" + host + "')");
      }
      this.host = host;
      try {
        this.from = new InternetAddress(from, true);
      } catch (AddressException e) {
        throw new IllegalArgumentException("from must be an e-mail address such as inflow@example.com (got '" + from + "')", e);
      }
    }

    /** The server's port (default 25; 587 for submission with STARTTLS). */
    public Builder port(int port) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port must be from 1 to 65535 (got " + port + ")");
      }
      this.port = port;
      return this;
    }

    /** Whether to require STARTTLS before sending (default false, for intranet relays). */
    public Builder startTls(boolean startTls) {
      this.startTls = startTls;
      return this;
    }

    /** Logs in with these credentials (default: no login). */
    public Builder credentials(String username, String password) {
      this.username = Objects.requireNonNull(username, "username");
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /** How long to wait for the server to connect and answer each step (default 10 s). */
    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive (got " + timeout + ")");
      }
      this.timeout = timeout;
      return this;
    }

    public SmtpNotifier build() {
      return new SmtpNotifier(this);
    }
  }
}
