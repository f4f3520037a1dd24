package dev.inflow.servlet.widget;

import dev.inflow.servlet.testing.Browser;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;

/**
 * What a person sees and does in one {@code <inflow-ask>} on a page: type a question and watch the
 * suggestions, ask, switch tabs, open a question, answer, vote, accept. Every lookup waits for the
 * widget. Shared through the test-jar (the examples' browser tests use it on the demo).
 */
public final class AskWidget {
  private final Browser browser;

  public AskWidget(Browser browser) {
    this.browser = browser;
  }

  /** Opens the page and waits until the widget shows its first list. */
  public static AskWidget open(Browser browser, String url) {
    browser.open(url);
    AskWidget widget = new AskWidget(browser);
    widget.loaded();
    return widget;
  }

  public SearchContext root() {
    return browser.shadowRoot("inflow-ask");
  }

  /** @return the first visible element matching the selector in the widget, once there */
  public WebElement find(String css) {
    return browser.await(d -> root().findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
  }

  /** Waits until the list of the selected tab has loaded. */
  public void loaded() {
    browser.await(d -> root().findElements(By.cssSelector("ol[part=list]")).stream().anyMatch(l -> "false".equals(l.getDomAttribute("aria-busy"))));
  }

  /** Types into the question's title box, as a person does, key by key. */
  public void typeTitle(String text) {
    find("input[name=title]").sendKeys(text);
  }

  /** @return the titles suggested as similar questions, once at least one is shown */
  public List<String> similar() {
    return browser.await(d -> {
      List<String> titles = root().findElements(By.cssSelector("[part=similar] button")).stream().map(WebElement::getText).toList();
      return titles.isEmpty() ? null : titles;
    });
  }

  /** @return the tags shown as chips in the ask form */
  public List<String> chips() {
    return root().findElements(By.cssSelector(".chips li")).stream().map(li -> li.getText().replace("×", "").strip()).toList();
  }

  /** Fills in the ask form (the title box replaced, the details typed, extra tags added with Enter) and sends it. */
  public void ask(String title, String details, String... tags) {
    WebElement box = find("input[name=title]");
    box.clear();
    box.sendKeys(title);
    find("textarea[name=body]").sendKeys(details);
    for (String tag : tags) {
      find("input[name=tag]").sendKeys(tag, Keys.ENTER);
    }
    find("form button.primary").click();
  }

  /** @return the status line (what happened, or what went wrong), once it says something */
  public String status() {
    return browser.await(d -> {
      String text = root().findElement(By.cssSelector("[part=status]")).getText();
      return text.isBlank() ? null : text;
    });
  }

  /** Selects the tab with this label and waits for its list. */
  public void tab(String label) {
    browser.await(d -> root().findElements(By.cssSelector("[role=tab]")).stream().filter(t -> label.equals(t.getText())).findFirst().orElse(null))
        .click();
    browser.await(d -> root().findElements(By.cssSelector("[role=tab][aria-selected=true]")).stream().anyMatch(t -> label.equals(t.getText())));
    loaded();
  }

  /** @return the list entry of the question with this title in the current tab, once listed */
  public WebElement listed(String title) {
    return browser.await(d -> root().findElements(By.cssSelector("ol[part=list] > li")).stream()
        .filter(li -> title.equals(li.findElement(By.cssSelector("button")).getText())).findFirst().orElse(null));
  }

  /** Opens the question with this title from the current list and waits for its page. */
  public void open(String title) {
    listed(title).findElement(By.cssSelector("button")).click();
    browser.await(d -> title.equals(find("[part=question-title]").getText()));
  }

  /** Writes an answer on the open question and sends it with Ctrl+Enter. */
  public void answer(String text) {
    WebElement box = find("[part=question] textarea");
    box.sendKeys(text);
    box.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
  }

  /** @return the answer on the open question whose body contains the text, once shown */
  public WebElement answerItem(String text) {
    return browser.await(d -> root().findElements(By.cssSelector("[part=answer]")).stream()
        .filter(li -> li.findElement(By.cssSelector("[part=body]")).getText().contains(text)).findFirst().orElse(null));
  }

  /** @return the button of the answer containing the text whose visible text or label is the name */
  public WebElement button(String answerText, String name) {
    return browser.await(d -> answerItem(answerText).findElements(By.cssSelector("button")).stream()
        .filter(b -> name.equals(b.getText()) || name.equals(b.getDomAttribute("aria-label"))).findFirst().orElse(null));
  }
}
