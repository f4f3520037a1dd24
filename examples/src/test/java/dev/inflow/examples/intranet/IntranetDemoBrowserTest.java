package dev.inflow.examples.intranet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inflow.core.Caller;
import dev.inflow.core.PageRequest;
import dev.inflow.core.comment.Comment;
import dev.inflow.core.comment.CommentSort;
import dev.inflow.core.question.Question;
import dev.inflow.core.question.QuestionQuery;
import dev.inflow.core.question.QuestionStatus;
import dev.inflow.core.testing.TestDatabase;
import dev.inflow.servlet.Settings;
import dev.inflow.servlet.testing.Browser;
import dev.inflow.servlet.widget.AskWidget;
import dev.inflow.servlet.widget.CommentsWidget;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The demo in Debian's headless Chromium, under the portal's strict Content-Security-Policy. The
 * browser and the widget's page object are sdk-servlet's test helpers (its test-jar).
 */
class IntranetDemoBrowserTest {
  private static final String POLICY = BusinessPage.TRAVEL_POLICY;
  private static final String SEEDED = "Does the €160 hotel cap apply";
  private static final String QUESTION = "Can I book the hotel for the night before an 08:00 meeting abroad?";
  private static final String ANSWER = "Yes, whenever the first train or flight would land after 07:00.";
  private static final String INJECTION = "<img src=x onerror=\"window.__xss=1\"> and <script>window.__xss=2</script> stay text";

  @Test
  void theHeaderSwitcherChangesWhoIsSignedInWithoutBreakingThePolicy() throws Exception {
    try (IntranetDemo demo = start(); Browser browser = Browser.start()) {
      browser.open(demo.baseUrl() + "/");
      assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Welcome, Ana");

      switchTo(browser, "erin");

      assertThat(browser.driver().getCurrentUrl()).isEqualTo(demo.baseUrl() + "/");
      assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Welcome, Erin");
      assertThat(selectedUser(browser)).isEqualTo("Erin Meyer – admin");
      browser.open(demo.baseUrl() + "/orders/4711");
      assertThat(selectedUser(browser)).isEqualTo("Erin Meyer – admin");
      assertThat(violations(browser.console())).as("console messages about the page's CSP").isEmpty();
    }
  }

  @Test
  void twoColleaguesOnThePolicyPageSeeEachOthersCommentsAppearWithoutReloading() throws Exception {
    String live = "Is the per diem the same for a half day in Zurich?";
    try (IntranetDemo demo = start(); Browser ana = Browser.start(); Browser ben = Browser.start()) {
      CommentsWidget anas = CommentsWidget.open(ana, demo.baseUrl() + "/policies/travel");
      anas.comment(SEEDED);
      ben.open(demo.baseUrl() + "/policies/travel");
      switchTo(ben, "ben");
      CommentsWidget bens = new CommentsWidget(ben);
      bens.comment(SEEDED);
      ben.script("window.stillTheSamePage = true");

      anas.post(live);

      WebElement seen = bens.comment(live);
      assertThat(seen.getText()).contains("Ana Lima");
      bens.shows(".status", "New comment from Ana Lima");
      assertThat(ben.script("return window.stillTheSamePage")).as("Ben's page was not reloaded").isEqualTo(true);
      assertThat(violations(ana.console() + "\n" + ben.console())).as("console messages about the page's CSP").isEmpty();
    }
  }

  @Test
  void anaAsksOnThePolicyPageAndBenAnswersAndReactsAfterSwitchingUser() throws Exception {
    try (IntranetDemo demo = start(); Browser browser = Browser.start()) {
      CommentsWidget comments = CommentsWidget.open(browser, demo.baseUrl() + "/policies/travel");
      assertThat(selectedUser(browser)).isEqualTo("Ana Lima – member");
      comments.comment(SEEDED);

      comments.post(QUESTION);
      comments.comment(QUESTION);

      switchTo(browser, "ben");
      assertThat(selectedUser(browser)).isEqualTo("Ben Okafor – expert in travel, vpn");
      comments = new CommentsWidget(browser);
      comments.reply(comments.comment(QUESTION), ANSWER);
      comments.comment(ANSWER);
      comments.react(comments.comment(QUESTION), "👍");
      assertThat(comments.button(comments.comment(QUESTION), "👍 1").getAttribute("aria-pressed")).isEqualTo("true");

      // The widget may show a post before the server has it (optimistic UI): wait for the server too.
      Comment question = browser.await(d -> {
        Comment c = onServer(demo, QUESTION);
        return c.replyCount() == 1 && c.reactions().getOrDefault("👍", 0) == 1 ? c : null;
      });
      assertThat(question.author().id()).isEqualTo("ana");
      assertThat(question.myReactions()).as("Ben's own reactions").containsExactly("👍");

      browser.driver().navigate().refresh();
      comments = new CommentsWidget(browser);
      assertThat(comments.comment(QUESTION).findElement(By.cssSelector(".replies")).getText()).contains(ANSWER);
      assertThat(violations(browser.console())).as("console messages about the page's CSP").isEmpty();
    }
  }

  @Test
  void anaAsksFromThePolicyPageBenFindsItWaitingForHimAnswersAndAnaAccepts() throws Exception {
    String asked = "Is a hotel near the airport allowed before an early flight?";
    String answered = "Yes, when the flight leaves before 07:00 the night before counts as a travel day.";
    try (IntranetDemo demo = start(); Browser browser = Browser.start()) {
      AskWidget ask = AskWidget.open(browser, demo.baseUrl() + "/policies/travel");
      assertThat(ask.chips()).as("the page's tag is preset").containsExactly("travel");

      ask.typeTitle("taxi to the airport");
      assertThat(ask.similar()).as("suggestions while typing").contains("Can I expense a taxi to the airport for a 6 am flight?");
      ask.ask(asked, "My flight to Oslo leaves at 06:10.");
      assertThat(ask.status()).isEqualTo("Your question was posted and sent to 1 expert.");
      assertThat(ask.find("[part=question-title]").getText()).isEqualTo(asked);

      switchTo(browser, "ben");
      ask = new AskWidget(browser);
      ask.loaded();
      ask.open(asked);
      ask.answer(answered);
      ask.answerItem(answered);
      assertThat(ask.status()).isEqualTo("Your answer was posted.");

      switchTo(browser, "ana");
      ask = new AskWidget(browser);
      ask.tab("My questions");
      ask.open(asked);
      ask.button(answered, "Accept this answer").click();
      assertThat(ask.status()).isEqualTo("Answer accepted. Thanks for closing the loop!");
      assertThat(ask.answerItem(answered).getText()).contains("✓ Accepted");

      Question onServer = browser.await(d -> demo.inflow().questions().list(Caller.of(Caller.DEFAULT_TENANT, DemoUsers.ANA),
          QuestionQuery.all().in(QuestionQuery.Scope.MINE), PageRequest.first(10)).items().stream()
          .filter(q -> q.title().equals(asked) && q.status() == QuestionStatus.ACCEPTED).findFirst().orElse(null));
      assertThat(onServer.routedTo()).containsExactly("ben");
      assertThat(violations(browser.console())).as("console messages about the page's CSP").isEmpty();
    }
  }

  @Test
  void htmlAndScriptInACommentShowAsTextAndNeverRun() throws Exception {
    try (IntranetDemo demo = start(); Browser browser = Browser.start()) {
      CommentsWidget comments = CommentsWidget.open(browser, demo.baseUrl() + "/policies/travel");
      comments.comment(SEEDED);

      comments.post(INJECTION);
      comments.comment(INJECTION);
      assertHarmless(browser, comments);

      // Once more as the server renders it for someone else, not as the author's optimistic copy.
      switchTo(browser, "carla");
      comments = new CommentsWidget(browser);
      comments.comment(INJECTION);
      assertHarmless(browser, comments);
      assertThat(violations(browser.console())).as("console messages about the page's CSP").isEmpty();
    }
  }

  private static Comment onServer(IntranetDemo demo, String body) {
    return demo.inflow().comments().list(Caller.of(Caller.DEFAULT_TENANT, DemoUsers.BEN), POLICY, CommentSort.NEWEST, PageRequest.first(50))
        .items().stream().filter(c -> c.body().equals(body)).findFirst()
        .orElseThrow(() -> new AssertionError("the server has no comment '" + body + "'"));
  }

  private static void assertHarmless(Browser browser, CommentsWidget comments) {
    assertThat(browser.script("return window.__xss === undefined")).as("no injected script ran").isEqualTo(true);
    assertThat(comments.root().findElements(By.cssSelector("[onerror]"))).as("elements with an onerror handler").isEmpty();
    assertThat(comments.root().findElements(By.cssSelector("img[src='x']"))).as("injected images").isEmpty();
    assertThat(comments.root().findElements(By.cssSelector("script"))).as("script elements in the widget").isEmpty();
  }

  private static IntranetDemo start() throws Exception {
    return IntranetDemo.start(Settings.load(Settings.Source.of(Map.of("INFLOW_PORT", "0", "INFLOW_JDBC_URL", TestDatabase.freshUrl()))));
  }

  /** Picks a person in the header's switcher and sends the form, as a visitor does. */
  private static void switchTo(Browser browser, String userId) {
    new Select(browser.driver().findElement(By.id("switch-user"))).selectByValue(userId);
    browser.awaitNewPage(() -> browser.driver().findElement(By.cssSelector("form.switcher button[type=submit]")).click());
    browser.await(d -> d.findElement(By.cssSelector("#switch-user option[value='" + userId + "']")).getDomAttribute("selected") != null);
  }

  private static String selectedUser(Browser browser) {
    return new Select(browser.driver().findElement(By.id("switch-user"))).getFirstSelectedOption().getText();
  }

  private static List<String> violations(String console) {
    return console.lines().filter(m -> m.contains("Content Security Policy") || m.contains("Refused to")).toList();
  }
}
