package dev.inflow.examples.intranet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inflow.core.Caller;
import dev.inflow.core.PageRequest;
import dev.inflow.core.comment.Comment;
import dev.inflow.core.comment.CommentSort;
import dev.inflow.core.testing.TestDatabase;
import dev.inflow.examples.testing.CommentsWidget;
import dev.inflow.servlet.Settings;
import dev.inflow.servlet.testing.Browser;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** The demo in Debian's headless Chromium, under the portal's strict Content-Security-Policy. */
class IntranetDemoBrowserTest {
  private static final String POLICY = BusinessPage.TRAVEL_POLICY;
  private static final String QUESTION = "Can I book the hotel for the night before an 08:00 meeting abroad?";
  private static final String ANSWER = "Yes, whenever the first train or flight would land after 07:00.";
  /** One thumbs-up, however the widget lays out emoji and count. */
  private static final Pattern ONE_THUMB = Pattern.compile("👍\\s*1(?!\\d)|(?<!\\d)1\\s*👍");
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
      assertThat(violations(browser.console())).as("console messages about the page's CSP").isEmpty();
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
      CommentsWidget.await(browser, () -> "Ana's question shows one 👍; it shows:\n" + widget.comment(QUESTION),
          d -> ONE_THUMB.matcher(widget.comment(QUESTION)).find());

      // The widget may show a post before the server has it (optimistic UI): wait for the server too.
      Comment question = CommentsWidget.await(browser, () -> "the server has Ana's question with Ben's reply and 👍", d -> {
        Comment c = onServer(demo, QUESTION);
        return c.replyCount() == 1 && c.reactions().getOrDefault("👍", 0) == 1 ? c : null;
      });
      assertThat(question.author().id()).isEqualTo("ana");
      assertThat(question.myReactions()).as("Ben's own reactions").containsExactly("👍");

      browser.driver().navigate().refresh();
      CommentsWidget.on(browser, POLICY).awaitText(QUESTION).awaitText(ANSWER);
      assertThat(violations(browser.console())).as("console messages about the page's CSP").isEmpty();
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
    assertThat(comments.count("[onerror]")).as("elements with an onerror handler").isZero();
    assertThat(comments.count("img[src='x']")).as("injected images").isZero();
    assertThat(comments.count("script")).as("script elements in the widget").isZero();
  }

  private static IntranetDemo start() throws Exception {
    return IntranetDemo.start(Settings.load(Settings.Source.of(Map.of("INFLOW_PORT", "0", "INFLOW_JDBC_URL", TestDatabase.freshUrl()))));
  }

  /** Picks a person in the header's switcher and sends the form, as a visitor does. */
  private static void switchTo(Browser browser, String userId) {
    WebElement page = browser.driver().findElement(By.tagName("html"));
    new Select(browser.driver().findElement(By.id("switch-user"))).selectByValue(userId);
    browser.driver().findElement(By.cssSelector("form.switcher button[type=submit]")).click();
    CommentsWidget.await(browser, () -> "the switcher reloads the page", ExpectedConditions.stalenessOf(page));
    CommentsWidget.await(browser, () -> "the page says " + userId + " is signed in", d -> d.findElement(
        By.cssSelector("#switch-user option[value='" + userId + "']")).getDomAttribute("selected") != null);
  }

  private static String selectedUser(Browser browser) {
    return new Select(browser.driver().findElement(By.id("switch-user"))).getFirstSelectedOption().getText();
  }

  private static List<String> violations(String console) {
    return console.lines().filter(m -> m.contains("Content Security Policy") || m.contains("Refused to")).toList();
  }
}
