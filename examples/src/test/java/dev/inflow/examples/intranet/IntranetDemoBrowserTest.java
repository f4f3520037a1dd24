package dev.inflow.examples.intranet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inflow.core.Caller;
import dev.inflow.core.PageRequest;
import dev.inflow.core.comment.Comment;
import dev.inflow.core.comment.CommentSort;
import dev.inflow.core.testing.TestDatabase;
import dev.inflow.examples.testing.Browser;
import dev.inflow.examples.testing.CommentsWidget;
import dev.inflow.servlet.Settings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** The demo in Debian's headless Chromium, under the portal's strict Content-Security-Policy. */
class IntranetDemoBrowserTest {
  private static final String POLICY = BusinessPage.TRAVEL_POLICY;
  private static final String QUESTION = "Can I book the hotel for the night before an 08:00 meeting abroad?";
  private static final String ANSWER = "Yes, whenever the first train or flight would land after 07:00.";
  private static final String INJECTION = "<img src=x onerror=\"window.__xss=1\"> and <script>window.__xss=2</script> stay text";

  @Test
  void theHeaderSwitcherChangesWhoIsSignedInWithoutBreakingThePolicy() throws Exception {
    try (IntranetDemo demo = start(); Browser browser = Browser.start()) {
      browser.driver().get(demo.baseUrl() + "/");
      assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Welcome, Ana");

      switchTo(browser, "erin");

      assertThat(browser.driver().getCurrentUrl()).isEqualTo(demo.baseUrl() + "/");
      assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Welcome, Erin");
      assertThat(selectedUser(browser)).isEqualTo("Erin Meyer – admin");
      browser.driver().get(demo.baseUrl() + "/orders/4711");
      assertThat(selectedUser(browser)).isEqualTo("Erin Meyer – admin");
      assertThat(violations(browser.consoleMessages())).as("console messages about the page's CSP").isEmpty();
    }
  }

  @Test
  void anaAsksOnThePolicyPageAndBenAnswersAndReactsAfterSwitchingUser() throws Exception {
    try (IntranetDemo demo = start(); Browser browser = Browser.start()) {
      browser.driver().get(demo.baseUrl() + "/policies/travel");
      assertThat(selectedUser(browser)).isEqualTo("Ana Lima – member");
      CommentsWidget comments = CommentsWidget.on(browser, POLICY).awaitText("Does the €160 hotel cap apply");

      comments.post(QUESTION).awaitText(QUESTION);

      switchTo(browser, "ben");
      assertThat(selectedUser(browser)).isEqualTo("Ben Okafor – expert in travel, vpn");
      comments = CommentsWidget.on(browser, POLICY).awaitText(QUESTION);
      comments.reply(QUESTION, ANSWER).awaitText(ANSWER);
      comments.react(QUESTION, "👍");
      CommentsWidget widget = comments;
      browser.await().withMessage("Ana's question shows Ben's 👍").until(d -> widget.comment(QUESTION).contains("👍"));

      Comment question = demo.inflow().comments().list(Caller.of(Caller.DEFAULT_TENANT, DemoUsers.BEN), POLICY, CommentSort.NEWEST,
          PageRequest.first(20)).items().stream().filter(c -> c.body().equals(QUESTION)).findFirst().orElseThrow();
      assertThat(question.author().id()).isEqualTo("ana");
      assertThat(question.reactions()).containsEntry("👍", 1);
      assertThat(question.myReactions()).containsExactly("👍");
      assertThat(question.replyCount()).isEqualTo(1);

      browser.driver().navigate().refresh();
      CommentsWidget.on(browser, POLICY).awaitText(QUESTION).awaitText(ANSWER);
      assertThat(violations(browser.consoleMessages())).as("console messages about the page's CSP").isEmpty();
    }
  }

  @Test
  void htmlAndScriptInACommentShowAsTextAndNeverRun() throws Exception {
    try (IntranetDemo demo = start(); Browser browser = Browser.start()) {
      browser.driver().get(demo.baseUrl() + "/policies/travel");
      CommentsWidget comments = CommentsWidget.on(browser, POLICY).awaitText("Does the €160 hotel cap apply");

      comments.post(INJECTION).awaitText(INJECTION);
      assertHarmless(browser, comments);

      // Once more as the server renders it for someone else, not as the author's optimistic copy.
      switchTo(browser, "carla");
      comments = CommentsWidget.on(browser, POLICY).awaitText(INJECTION);
      assertHarmless(browser, comments);
      assertThat(violations(browser.consoleMessages())).as("console messages about the page's CSP").isEmpty();
    }
  }

  private static void assertHarmless(Browser browser, CommentsWidget comments) {
    assertThat(browser.driver().executeScript("return window.__xss === undefined")).as("no injected script ran").isEqualTo(true);
    assertThat(comments.count("[onerror]")).as("elements with an onerror handler").isZero();
    assertThat(comments.count("img[src='x']")).as("injected images").isZero();
    assertThat(comments.count("script")).as("script elements in the widget").isZero();
  }

  private static IntranetDemo start() throws Exception {
    return IntranetDemo.start(Settings.load(Settings.Source.of(Map.of("INFLOW_PORT", "0", "INFLOW_JDBC_URL", TestDatabase.freshUrl()))));
  }

  /** Picks a person in the header's switcher and sends the form, as a visitor does. */
  private static void switchTo(Browser browser, String userId) {
    new Select(browser.driver().findElement(By.id("switch-user"))).selectByValue(userId);
    browser.driver().findElement(By.cssSelector("form.switcher button[type=submit]")).click();
    browser.await().until(ExpectedConditions.attributeToBe(
        By.cssSelector("#switch-user option[value='" + userId + "']"), "selected", "true"));
  }

  private static String selectedUser(Browser browser) {
    return new Select(browser.driver().findElement(By.id("switch-user"))).getFirstSelectedOption().getText();
  }

  private static List<String> violations(List<String> console) {
    return console.stream().filter(m -> m.contains("Content Security Policy") || m.contains("Refused to")).toList();
  }
}
