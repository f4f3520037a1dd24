package dev.inflow.examples.intranet;

import dev.inflow.core.Caller;
import dev.inflow.core.ConflictException;
import dev.inflow.core.Inflow;
import dev.inflow.core.InflowException;
import dev.inflow.core.StorageUnavailableException;
import dev.inflow.core.User;
import dev.inflow.core.comment.Comment;
import dev.inflow.core.comment.NewComment;
import dev.inflow.core.comment.Reaction;
import dev.inflow.core.question.Answer;
import dev.inflow.core.question.NewQuestion;
import dev.inflow.core.question.Question;
import dev.inflow.core.question.Vote;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Fills a fresh database with the conversations a visitor should find: questions on the travel
 * policy answered by the travel expert, a hand-over on an order, tips on a course, a fixed VPN
 * problem; and for "ask an expert", Carla declared the orders expert by an administrator, a VPN
 * question solved by Ben, a travel question he answered, and a Java question still waiting for
 * Dev. Everything goes through the public core API, as a host's own import would.
 *
 * <p>The comments are written by a second {@link Inflow} on the same database whose clock is set
 * back for each one, so that the threads look like they grew over the past week rather than in
 * the second the demo started. The questions go through the running demo's own Inflow instead:
 * its similar-question index is its own (on H2, one per Inflow in a process), and questions
 * written by another instance would not be suggested until the demo restarts.
 */
final class Seed {
  private static final int ATTEMPTS = 3;
  private final SeedClock clock;
  private final Inflow inflow;
  private final String baseUrl;

  private final String keyPrefix;
  private int posts;

  private Seed(SeedClock clock, Inflow inflow, String baseUrl, String keyPrefix) {
    this.clock = clock;
    this.inflow = inflow;
    this.baseUrl = baseUrl;
    this.keyPrefix = keyPrefix;
  }

  /**
   * @param live the running demo's Inflow
   * @return whether nothing has happened yet in the default tenant, so the demo should seed it
   */
  static boolean needed(Inflow live) {
    return live.events().lastSeq(Caller.DEFAULT_TENANT) == 0;
  }

  /**
   * Writes the conversations. The demo users must be known to Inflow already, so that mentions
   * resolve. A database that fails for a moment is retried: every post carries an idempotency key
   * and reactions are idempotent, so a second pass completes the first without duplicates.
   *
   * @param seeding an Inflow builder on the demo's database, not yet built
   * @param live the running demo's Inflow, which asks and answers the sample questions
   * @param baseUrl e.g. {@code http://localhost:8080}, for the targets' links
   * @throws InflowException saying how to start over when the database keeps failing
   */
  static void run(Inflow.Builder seeding, Inflow live, String baseUrl) {
    SeedClock clock = new SeedClock(Clock.systemUTC().instant());
    // No background jobs here: they would run on the seed's clock, days in the past.
    try (Inflow inflow = seeding.clock(clock).maxPoolSize(4).runBackgroundJobs(false).build()) {
      for (int attempt = 1; ; attempt++) {
        try {
          clock.restart();
          new Seed(clock, inflow, baseUrl, "demo-seed-").conversations();
          new Seed(clock, live, baseUrl, "demo-seed-question-").questions();
          return;
        } catch (StorageUnavailableException e) {
          if (attempt == ATTEMPTS) {
            throw new InflowException("could not write the sample conversations (" + e.getMessage() + "); start the demo again on an "
                + "empty database (for the default one, delete ./data)", e);
          }
          pause(attempt);
        }
      }
    }
  }

  /** The conversations in the order they happened, so that event sequence and timestamps agree. */
  private void conversations() {
    User ana = DemoUsers.ANA;
    User ben = DemoUsers.BEN;
    User carla = DemoUsers.CARLA;
    User dev = DemoUsers.DEV;
    User erin = DemoUsers.ERIN;
    BusinessPage travel = page(BusinessPage.TRAVEL_POLICY);
    BusinessPage vpn = page(BusinessPage.VPN_SETUP);
    BusinessPage order = page(BusinessPage.ORDER_4711);
    BusinessPage course = page(BusinessPage.JAVA_101);

    // Ben (travel, vpn) and Dev (java) have expertise in their profiles; an administrator adds Carla for orders.
    inflow.experts().declare(caller(erin), carla.id(), List.of("orders"));

    clock.ago(Duration.ofDays(8).plusHours(4));
    Comment hotel = post(dev, travel, "Does the €160 hotel cap apply to conference hotels too? The venue hotel for the "
        + "Lisbon summit is €185 a night, and everything cheaper is a 40-minute ride away.");
    clock.ago(Duration.ofDays(8).plusHours(3));
    Comment hotelAnswer = reply(ben, hotel, """
        Conference hotels booked through the organiser are fine above the cap if you:
        - attach the registration confirmation to the booking in Concur, and
        - book before the organiser's room block closes.

        Anything else above the cap needs your manager's pre-approval *before* you book.""");
    react(dev, hotelAnswer, Reaction.THUMBS_UP);
    react(ana, hotelAnswer, Reaction.THUMBS_UP);
    clock.ago(Duration.ofDays(8).plusHours(2));
    reply(dev, hotelAnswer, "Perfect, booked through the organiser. Thanks Ben!");

    clock.ago(Duration.ofDays(6).plusHours(2));
    Comment drops = post(dev, vpn, "Secure Connect drops every ten minutes on hotel Wi-Fi, then takes ages to reconnect. "
        + "Anything I can do on my side?");
    clock.ago(Duration.ofDays(6).plusHours(1));
    Comment tcp = reply(ben, drops, "Switch the client to **TCP 443** under *Settings → Connection*. Many hotel networks "
        + "throttle UDP after a few minutes; TCP on 443 looks like ordinary web traffic.");
    react(dev, tcp, Reaction.THUMBS_UP);
    react(ana, tcp, Reaction.THUMBS_UP);
    react(carla, tcp, Reaction.THUMBS_UP);
    clock.ago(Duration.ofDays(5).plusHours(20));
    Comment fixed = reply(dev, tcp, "That fixed it, no drops all evening. Could this go into the troubleshooting table?");
    react(ben, fixed, Reaction.HOORAY);
    clock.ago(Duration.ofDays(5).plusHours(18));
    reply(erin, fixed, "Added it to our list for the next update of this page.");

    clock.ago(Duration.ofDays(5).plusHours(6));
    Comment receipts = post(carla, travel, "Reminder from the travel desk: upload receipts for everything over €25 within "
        + "**30 days**, or Finance has to send the claim back. And the per diem already covers meals, so please don't add "
        + "restaurant receipts on top.");
    react(ana, receipts, Reaction.THUMBS_UP);
    react(ben, receipts, Reaction.THUMBS_UP);
    react(erin, receipts, Reaction.HOORAY);

    clock.ago(Duration.ofDays(4).plusHours(2));
    Comment tip = post(ben, course, "Tip for the exercises: run `./mvnw -q test` in a terminal rather than the IDE's test "
        + "runner. The exercise checks rely on the Maven setup, and you see the same output as the trainer.");
    react(dev, tip, Reaction.ROCKET);
    react(ana, tip, Reaction.THUMBS_UP);

    clock.ago(Duration.ofDays(3).plusHours(7));
    Comment address = post(dev, order, "Customer called: the second pallet must go to the **Leeds** distribution centre, "
        + "not Manchester. @carla can you update the delivery address before it is picked?");
    clock.ago(Duration.ofDays(3).plusHours(6));
    Comment updated = reply(carla, address, "Updated and the label is reprinted. Delivery date stays Thursday.");
    react(dev, updated, Reaction.THUMBS_UP);

    clock.ago(Duration.ofDays(2).plusHours(3));
    Comment rail = post(ana, travel, "Munich to Zurich is 4 h 40 by train, but flying is cheaper this month. Which wins, "
        + "the price or the rail-first rule?");
    clock.ago(Duration.ofDays(2).plusHours(1));
    Comment railAnswer = reply(ben, rail, "Rail first: under 5 hours door to door the train is the default, even when the flight "
        + "is a bit cheaper. Book the flexible fare, it is allowed under section 2.");
    react(ana, railAnswer, Reaction.HEART);

    clock.ago(Duration.ofDays(1).plusHours(5));
    Comment backorder = post(ben, order, "Heads-up: item 3 (sterile gloves, size M) is on backorder until the 28th. "
        + "The customer agreed to a split shipment, so the rest went out today.");
    react(dev, backorder, Reaction.EYES);
    react(ana, backorder, Reaction.EYES);

    clock.ago(Duration.ofHours(20));
    Comment followUp = post(ana, course, "Module 4 (records and sealed types) was the most useful part for me. Is there a "
        + "follow-up that covers virtual threads?");
    clock.ago(Duration.ofHours(18));
    Comment java201 = reply(erin, followUp, "Yes: **Java 201** covers virtual threads and structured concurrency. The first "
        + "cohort starts in March; sign-up opens next week on the Learning page.");
    react(ana, java201, Reaction.HEART);
    react(dev, java201, Reaction.THUMBS_UP);
    clock.ago(Duration.ofHours(17));
    reply(dev, java201, "Count me in.");
  }

  /** Questions routed to the experts of their tags, asked just now: one solved, one answered, one still waiting. */
  private void questions() {
    User ana = DemoUsers.ANA;
    User ben = DemoUsers.BEN;
    User dev = DemoUsers.DEV;
    User erin = DemoUsers.ERIN;
    Question reauth = ask(dev, NewQuestion.of("Secure Connect asks for my password every morning",
        "Since the update last week the VPN client forgets my sign-in overnight. Is there a setting to keep it?", List.of("vpn"))
        .about(BusinessPage.VPN_SETUP));
    Answer remember = answer(ben, reauth, "That is the new policy: sessions end after 12 hours. Tick **Remember this device** on the "
        + "sign-in page and the client only asks for your second factor once a week.");
    alreadyDoneCounts(() -> inflow.questions().vote(caller(erin), remember.id(), Vote.UP));
    alreadyDoneCounts(() -> inflow.questions().accept(caller(dev), remember.id()));

    Question taxi = ask(ana, NewQuestion.of("Can I expense a taxi to the airport for a 6 am flight?",
        "The first train would get me there too late. Does the travel policy allow a taxi, and is there a limit?", List.of("travel"))
        .about(BusinessPage.TRAVEL_POLICY));
    answer(ben, taxi, "Yes: when no public transport gets you there in time, a taxi is fine. Keep the receipt; anything above "
        + "€80 needs a note in the claim saying why.");

    ask(ben, NewQuestion.of("Which JDK should the exercises of Java 101 use?",
        "A participant has JDK 11 installed. Do the exercises need 17, or does 21 work as well?", List.of("java"))
        .about(BusinessPage.JAVA_101));
  }

  /** A vote or an acceptance that a failed earlier pass of the seed already made is refused as a conflict: that is fine. */
  private static void alreadyDoneCounts(Runnable step) {
    try {
      step.run();
    } catch (ConflictException e) {
      // done by the earlier pass
    }
  }

  private Question ask(User asker, NewQuestion question) {
    return inflow.questions().ask(caller(asker), question, nextKey()).value();
  }

  private Answer answer(User expert, Question question, String body) {
    return inflow.questions().answer(caller(expert), question.id(), body, nextKey()).value();
  }

  private Comment post(User author, BusinessPage page, String body) {
    NewComment comment = NewComment.of(body).onTarget(page.title(), baseUrl + page.path());
    return inflow.comments().create(caller(author), page.targetKey(), comment, nextKey()).value();
  }

  private Comment reply(User author, Comment parent, String body) {
    return inflow.comments().create(caller(author), parent.targetKey(), NewComment.replyTo(parent.id(), body), nextKey()).value();
  }

  /** The same post gets the same key on every pass of the seed. */
  private Optional<String> nextKey() {
    return Optional.of(keyPrefix + (++posts));
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(1000L * attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageUnavailableException("interrupted while waiting to retry the seed", e);
    }
  }

  private void react(User user, Comment comment, Reaction reaction) {
    inflow.comments().react(caller(user), comment.id(), reaction);
  }

  private static Caller caller(User user) {
    return Caller.of(Caller.DEFAULT_TENANT, user);
  }

  private static BusinessPage page(String targetKey) {
    return BusinessPage.ALL.stream().filter(p -> p.targetKey().equals(targetKey)).findFirst()
        .orElseThrow(() -> new IllegalStateException("no demo page for " + targetKey));
  }

  /** A clock that stands still at a moment the seed chooses, so each comment gets a plausible age. */
  private static final class SeedClock extends Clock {
    private final Instant start;
    private volatile Instant current;

    SeedClock(Instant start) {
      this.start = start;
      this.current = Instant.MIN;
    }

    /** Goes back to before the first conversation, for another pass of the seed. */
    void restart() {
      current = Instant.MIN;
    }

    /** Moves the clock to this long before the start; the seed goes forward in time only. */
    void ago(Duration age) {
      Instant next = start.minus(age);
      if (next.isBefore(current)) {
        throw new IllegalStateException("the seed must go forward in time: " + next + " is before " + current);
      }
      current = next;
    }

    @Override
    public Instant instant() {
      return current.equals(Instant.MIN) ? start : current;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return Clock.fixed(instant(), zone);
    }
  }
}
