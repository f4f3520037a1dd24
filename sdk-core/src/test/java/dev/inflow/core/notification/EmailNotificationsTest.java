package dev.inflow.core.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.inflow.core.Caller;
import dev.inflow.core.Inflow;
import dev.inflow.core.InvalidInputException;
import dev.inflow.core.Limits;
import dev.inflow.core.User;
import dev.inflow.core.comment.Comment;
import dev.inflow.core.comment.NewComment;
import dev.inflow.core.delivery.DeadLetter;
import dev.inflow.core.Role;
import dev.inflow.core.PageRequest;
import dev.inflow.core.testing.MutableClock;
import dev.inflow.core.testing.TestDatabase;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Notification e-mail through a real SMTP server (GreenMail) in this process. */
class EmailNotificationsTest {
  private static final Caller ANA = Caller.of("default", User.of("ana", "Ana Lima"));
  private static final Caller EVA = Caller.of("default", User.of("eva", "Eva Berg"));
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));
  private final int port = freePort();
  private GreenMail smtp = startSmtp();
  private final Inflow inflow = TestDatabase.inflow().clock(clock).runBackgroundJobs(false)
      .limits(Limits.builder().userWritesPerMinute(1_000).build())
      .notifier(SmtpNotifier.builder("127.0.0.1", "Inflow <inflow@intranet.example>").port(port).timeout(Duration.ofSeconds(5)).build())
      .build();

  @AfterEach
  void stop() {
    inflow.close();
    if (smtp != null) {
      smtp.stop();
    }
  }

  private GreenMail startSmtp() {
    GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
    return server;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private Comment anaAsks() {
    return inflow.comments().create(ANA, "order:4711", NewComment.of("Where is my delivery?").onTarget("Order 4711",
        "https://erp.example/orders/4711"), Optional.empty()).value();
  }

  private void evaReplies(Comment to, String body) {
    clock.advance(Duration.ofMinutes(1));
    inflow.comments().create(EVA, "order:4711", NewComment.replyTo(to.id(), body), Optional.empty());
  }

  private void runJobs() {
    while (inflow.platform().jobs().runDue() > 0) {
      // until the queue holds nothing due
    }
  }

  @Test
  void instantEmailTellsOfAReplyWithItsLink() throws Exception {
    inflow.notifications().setEmailPreference(ANA, EmailPreference.of(EmailDelivery.INSTANT, Optional.of("ana@example.com")));
    evaReplies(anaAsks(), "On its way.");
    runJobs();

    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(1);
    assertThat(received[0].getAllRecipients()).extracting(Object::toString).containsExactly("ana@example.com");
    assertThat(received[0].getSubject()).isEqualTo("Eva Berg replied to your comment on Order 4711");
    assertThat(received[0].getFrom()[0].toString()).contains("inflow@intranet.example");
    assertThat(GreenMailUtil.getBody(received[0])).contains("https://erp.example/orders/4711");
    runJobs();
    assertThat(smtp.getReceivedMessages()).as("sent once").hasSize(1);
  }

  @Test
  void nothingIsSentWhenEmailIsOffOrTheNotificationWasReadFirst() {
    Comment question = anaAsks();
    evaReplies(question, "E-mail is off by default.");
    runJobs();
    assertThat(smtp.getReceivedMessages()).isEmpty();

    inflow.notifications().setEmailPreference(ANA, EmailPreference.of(EmailDelivery.INSTANT, Optional.of("ana@example.com")));
    evaReplies(question, "Read in the bell before the mail went out.");
    inflow.notifications().markAllRead(ANA);
    runJobs();
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }

  @Test
  void theDailyDigestCollectsWhatIsUnreadAndGoesOutOnceAtSevenUtc() throws Exception {
    inflow.notifications().setEmailPreference(ANA, EmailPreference.of(EmailDelivery.DAILY, Optional.of("ana@example.com")));
    Comment question = anaAsks();
    evaReplies(question, "First reply.");
    evaReplies(question, "Second reply.");
    runJobs();
    assertThat(smtp.getReceivedMessages()).as("not before the digest hour").isEmpty();

    clock.advance(Duration.ofHours(23));
    runJobs();
    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(1);
    assertThat(received[0].getSubject()).isEqualTo("2 new notifications from Inflow");
    assertThat(GreenMailUtil.getBody(received[0])).contains("Eva Berg replied to your comment on Order 4711");

    clock.advance(Duration.ofDays(1));
    runJobs();
    assertThat(smtp.getReceivedMessages()).as("nothing new, no second digest").hasSize(1);
  }

  @Test
  void aMailServerThatIsDownForAWhileGetsTheMessageLaterExactlyOnce() throws Exception {
    inflow.notifications().setEmailPreference(ANA, EmailPreference.of(EmailDelivery.INSTANT, Optional.of("ana@example.com")));
    smtp.stop();
    smtp = null;
    evaReplies(anaAsks(), "Sent while the mail server is down.");
    runJobs();

    smtp = startSmtp();
    clock.advance(Duration.ofMinutes(5));
    runJobs();
    assertThat(smtp.getReceivedMessages()).hasSize(1);
    assertThat(smtp.getReceivedMessages()[0].getSubject()).isEqualTo("Eva Berg replied to your comment on Order 4711");
  }

  @Test
  void aMailServerThatStaysDownEndsInTheDeadLettersForAdmins() {
    inflow.notifications().setEmailPreference(ANA, EmailPreference.of(EmailDelivery.INSTANT, Optional.of("ana@example.com")));
    smtp.stop();
    smtp = null;
    evaReplies(anaAsks(), "Nobody will receive this by mail.");
    for (int attempt = 0; attempt < 10; attempt++) {
      runJobs();
      clock.advance(Duration.ofHours(2));
    }
    Caller admin = Caller.of("default", User.builder("root").name("Root").roles(Role.ADMIN).build());
    assertThat(inflow.deadLetters().list(admin, PageRequest.first(10)).items()).extracting(DeadLetter::kind)
        .containsExactly("notification.email");
  }

  @Test
  void preferencesNeedAnAddressUnlessEmailIsOff() {
    assertThat(inflow.notifications().emailPreference(ANA)).satisfies(p -> {
      assertThat(p.email()).isEqualTo(EmailDelivery.OFF);
      assertThat(p.available()).isTrue();
    });
    assertThatThrownBy(() -> inflow.notifications().setEmailPreference(ANA, EmailPreference.of(EmailDelivery.DAILY, Optional.empty())))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.getMessage()).contains("address"));
    assertThatThrownBy(() -> inflow.notifications().setEmailPreference(ANA,
        EmailPreference.of(EmailDelivery.INSTANT, Optional.of("ana@example.com\r\nBcc: all@example.com"))))
        .isInstanceOf(InvalidInputException.class);
    assertThat(inflow.notifications().setEmailPreference(ANA, EmailPreference.of(EmailDelivery.DAILY, Optional.of(" ana@example.com "))))
        .satisfies(p -> {
          assertThat(p.email()).isEqualTo(EmailDelivery.DAILY);
          assertThat(p.address()).contains("ana@example.com");
        });
  }
}
