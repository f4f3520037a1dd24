package dev.inflow.examples.testing;

import dev.inflow.servlet.testing.Browser;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * An {@code <inflow-comments>} element on a page, operated the way a person would: by the text it
 * shows and the names of its buttons, looking inside its shadow DOM (and any shadow roots nested
 * in it). It relies on no class names or ids of the widget, only on what a user sees: a text box
 * to write in, a button to send, "Reply" on each comment, reaction buttons named by their emoji.
 */
public final class CommentsWidget {
  /** Finds elements across the widget's shadow roots; the widget may nest its own custom elements. */
  private static final String DEEP = """
      const deep = (root, selector) => {
        const found = [];
        const walk = (node) => {
          node.querySelectorAll(selector).forEach(e => found.push(e));
          node.querySelectorAll('*').forEach(e => { if (e.shadowRoot) walk(e.shadowRoot); });
        };
        walk(root);
        return found;
      };
      const name = (b) => ((b.getAttribute('aria-label') || '') + ' ' + (b.innerText || '') + ' ' + (b.title || '')).trim();
      const visible = (e) => e.getClientRects().length > 0;
      """;
  /** Finds {@code comment}: the innermost element showing the text that also holds a Reply button. */
  private static final String COMMENT = DEEP + """
      const host = arguments[0], text = arguments[1];
      const candidates = deep(host.shadowRoot, '*').filter(e => visible(e) && (e.innerText || '').includes(text)
          && Array.from(e.querySelectorAll('button')).some(b => /reply/i.test(name(b))));
      candidates.sort((a, b) => a.innerText.length - b.innerText.length);
      const comment = candidates[0] || null;
      """;

  private final Browser browser;
  private final WebElement host;

  private CommentsWidget(Browser browser, WebElement host) {
    this.browser = browser;
    this.host = host;
  }

  /** @return the widget for this target on the current page, once it has rendered */
  public static CommentsWidget on(Browser browser, String target) {
    WebElement host = await(browser, () -> "the page has <inflow-comments target=\"" + target + "\">",
        d -> d.findElement(By.cssSelector("inflow-comments[target='" + target + "']")));
    CommentsWidget widget = new CommentsWidget(browser, host);
    await(browser, () -> "the widget for " + target + " renders into its shadow root", d -> !widget.text().isBlank());
    return widget;
  }

  /** @return the text the widget shows, as rendered */
  public String text() {
    Object text = browser.script(DEEP + """
        const root = arguments[0].shadowRoot;
        if (!root) return '';
        return Array.from(root.children).filter(c => c.tagName !== 'STYLE').map(c => c.innerText || '').join('\\n');
        """, host);
    return text == null ? "" : text.toString();
  }

  /** Waits until the widget shows the text. */
  public CommentsWidget awaitText(String text) {
    await(browser, () -> "the widget shows '" + text + "'; it shows:\n" + text(), d -> text().contains(text));
    return this;
  }

  /** Writes a new top-level comment and sends it. */
  public CommentsWidget post(String body) {
    WebElement box = textBoxes().get(0);
    write(box, body);
    return this;
  }

  /** Opens the reply box of the comment showing {@code commentText}, writes the reply and sends it. */
  public CommentsWidget reply(String commentText, String body) {
    List<WebElement> before = textBoxes();
    WebElement replyButton = (WebElement) browser.script(COMMENT + """
        if (!comment) return null;
        return Array.from(comment.querySelectorAll('button')).filter(visible).find(b => /reply/i.test(name(b)));
        """, host, commentText);
    if (replyButton == null) {
      throw new AssertionError("no comment showing '" + commentText + "' with a Reply button; the widget shows:\n" + text());
    }
    replyButton.click();
    WebElement box = await(browser, () -> "a reply box opens under '" + commentText + "'; the widget shows:\n" + text(),
        d -> textBoxes().stream().filter(b -> !before.contains(b)).findFirst().orElse(null));
    write(box, body);
    return this;
  }

  /**
   * Reacts with the emoji on the comment showing {@code commentText}: clicks its reaction button
   * when the comment has one, else opens the comment's reaction picker and picks the emoji.
   */
  public CommentsWidget react(String commentText, String emoji) {
    WebElement button = (WebElement) browser.script(COMMENT + """
        if (!comment) return null;
        const buttons = Array.from(comment.querySelectorAll('button')).filter(visible);
        return buttons.find(b => name(b).includes(arguments[2])) || buttons.find(b => /react|emoji/i.test(name(b))) || null;
        """, host, commentText, emoji);
    if (button == null) {
      throw new AssertionError("no reaction button on the comment showing '" + commentText + "'; the widget shows:\n" + text());
    }
    boolean direct = button.getAttribute("aria-label") != null && button.getAttribute("aria-label").contains(emoji)
        || button.getText().contains(emoji);
    List<WebElement> shownBefore = visibleButtons();
    button.click();
    if (!direct) {
      // The picker that just opened: an emoji button that was not on screen before the click.
      WebElement choice = await(browser, () -> "the reaction picker offers " + emoji, d -> visibleButtons().stream()
          .filter(b -> !shownBefore.contains(b) && (b.getText().contains(emoji) || String.valueOf(b.getAttribute("aria-label")).contains(emoji)))
          .findFirst().orElse(null));
      choice.click();
    }
    return this;
  }

  /** @return the number of elements in the widget matching the CSS selector, across its shadow roots */
  public long count(String selector) {
    return (Long) browser.script(DEEP + "return deep(arguments[0].shadowRoot, arguments[1]).length;", host, selector);
  }

  /** @return the visible text of the single comment showing {@code commentText} (with its replies) */
  public String comment(String commentText) {
    Object text = browser.script(COMMENT + "return comment ? comment.innerText : null;", host, commentText);
    if (text == null) {
      throw new AssertionError("no comment showing '" + commentText + "'; the widget shows:\n" + text());
    }
    return text.toString();
  }

  @SuppressWarnings("unchecked")
  private List<WebElement> visibleButtons() {
    return (List<WebElement>) browser.script(DEEP + "return deep(arguments[0].shadowRoot, 'button').filter(visible);", host);
  }

  @SuppressWarnings("unchecked")
  private List<WebElement> textBoxes() {
    return (List<WebElement>) browser.script(DEEP + """
        return deep(arguments[0].shadowRoot, 'textarea, [contenteditable="true"], [role="textbox"]').filter(visible);
        """, host);
  }

  /** Types the text and sends it with the send button of the box's form, as a person would. */
  private void write(WebElement box, String body) {
    box.click();
    box.sendKeys(body);
    WebElement send = (WebElement) browser.script(DEEP + """
        const box = arguments[0];
        const form = box.closest('form');
        const scope = form || box.parentElement;
        const buttons = Array.from(scope.querySelectorAll('button')).filter(visible);
        return buttons.find(b => b.type === 'submit') || buttons.find(b => /post|comment|send|reply|submit/i.test(name(b))) || null;
        """, box);
    if (send == null) {
      throw new AssertionError("no send button next to the text box; the widget shows:\n" + text());
    }
    await(browser, () -> "the send button is enabled", d -> send.isEnabled());
    send.click();
  }

  /**
   * Waits like {@link Browser#await}, failing with what the test expected to see.
   *
   * @throws AssertionError naming the expectation, with the page's console in the cause
   */
  public static <T> T await(Browser browser, Supplier<String> expectation, Function<WebDriver, T> condition) {
    try {
      return browser.await(condition);
    } catch (TimeoutException e) {
      throw new AssertionError("expected: " + expectation.get(), e);
    }
  }
}
