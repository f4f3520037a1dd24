package dev.inflow.servlet.widget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inflow.servlet.testing.Browser;
import java.util.List;
import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;

/**
 * What a person sees and does in one {@code <inflow-comments>} on a page: read threads, find a
 * comment by its text, press its buttons, type in its forms. Every lookup waits for the widget.
 * Shared through the test-jar (the examples' browser tests use it on the demo).
 */
public final class CommentsWidget {
  private final Browser browser;

  public CommentsWidget(Browser browser) {
    this.browser = browser;
  }

  /** Opens the page and waits until the widget has loaded its list. */
  public static CommentsWidget open(Browser browser, String url) {
    browser.open(url);
    CommentsWidget widget = new CommentsWidget(browser);
    browser.await(d -> "false".equals(widget.root().findElement(By.cssSelector("ol.list")).getAttribute("aria-busy")));
    return widget;
  }

  public SearchContext root() {
    return browser.shadowRoot("inflow-comments");
  }

  /** @return the first visible element matching the selector in the widget, once there */
  public WebElement find(String css) {
    return browser.await(d -> root().findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
  }

  /** @return the visible text of the first element matching, once it is not empty */
  public String text(String css) {
    return browser.await(d -> Optional.of(find(css).getText()).filter(t -> !t.isBlank()).orElse(null));
  }

  /**
   * Asserts that the first visible element matching reads as expected, giving the page
   * {@link Browser#PATIENCE} to get there (answers arrive in any order).
   */
  public void shows(String css, String expected) {
    String actual;
    try {
      actual = browser.await(d -> expected.equals(find(css).getText()) ? expected : null);
    } catch (TimeoutException e) {
      actual = find(css).getText();
    }
    assertThat(actual).as("text of %s", css).isEqualTo(expected);
  }

  /** @return the thread item ({@code li}) of the comment whose own body contains the text, once posted */
  public WebElement comment(String bodyText) {
    return browser.await(d -> findComment(bodyText).orElse(null));
  }

  public Optional<WebElement> findComment(String bodyText) {
    return root().findElements(By.cssSelector("li[data-id]")).stream()
        .filter(li -> {
          WebElement article = li.findElement(By.cssSelector(":scope > article"));
          return !article.getAttribute("class").contains("pending")
              && article.findElement(By.cssSelector(".body")).getText().contains(bodyText);
        })
        .findFirst();
  }

  /** @return the texts of the comment's own body (not its replies) */
  public static String body(WebElement item) {
    return item.findElement(By.cssSelector(":scope > article > .body")).getText();
  }

  /** @return the comment's own button whose text or accessible label is the given one */
  public WebElement button(WebElement item, String name) {
    return browser.await(d -> buttons(item).stream().filter(b -> name.equals(b.getText()) || name.equals(b.getAttribute("aria-label")))
        .findFirst().orElse(null));
  }

  public static List<WebElement> buttons(WebElement item) {
    return item.findElements(By.cssSelector(":scope > article button"));
  }

  /** @return the main form's text box */
  public WebElement mainBox() {
    return find("form textarea");
  }

  /** Types into the main form and presses its submit button. */
  public void post(String text) {
    WebElement box = mainBox();
    box.sendKeys(text);
    find("form button.primary").click();
  }

  /** Reacts with the emoji: opens the comment's picker and picks it. */
  public void react(WebElement item, String emoji) {
    button(item, "Add a reaction").click();
    button(item, emoji).click();
  }

  /** @return the line saying live updates are interrupted, empty while they flow */
  public String connection() {
    return root().findElement(By.cssSelector("[part~=connection]")).getText();
  }

  /** @return how many comments on screen (sent, not pending) have a body containing the text */
  public long count(String bodyText) {
    return root().findElements(By.cssSelector("li[data-id] > article:not(.pending) > .body")).stream()
        .filter(body -> body.getText().contains(bodyText)).count();
  }

  /** Opens the reply form under the comment, types and sends with Ctrl+Enter. */
  public void reply(WebElement item, String text) {
    button(item, "Reply").click();
    WebElement box = browser.await(d -> item.findElement(By.cssSelector(":scope > article .slot textarea")));
    box.sendKeys(text);
    box.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
  }
}
