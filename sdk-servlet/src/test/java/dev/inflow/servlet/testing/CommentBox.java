package dev.inflow.servlet.testing;

import org.openqa.selenium.By;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;

/**
 * The first {@code <inflow-comments>} on a page as a person uses it: type into its comment form,
 * post, and wait for text to show. For browser tests of hosts (examples, containers); every step
 * waits for the widget, up to {@link Browser#PATIENCE}.
 */
public final class CommentBox {
  private final Browser browser;

  private CommentBox(Browser browser) {
    this.browser = browser;
  }

  /** @return the widget on the page the browser shows, once it has rendered its comment form */
  public static CommentBox on(Browser browser) {
    CommentBox box = new CommentBox(browser);
    box.find("form textarea");
    return box;
  }

  /** Types the text into the comment form and posts it. */
  public CommentBox post(String text) {
    find("form textarea").sendKeys(text);
    find("form button.primary").click();
    return this;
  }

  /** Waits until the widget shows the text, and returns all it shows. */
  public String awaitText(String text) {
    return browser.await(d -> {
      String shown = (String) browser.script("return document.querySelector('inflow-comments').shadowRoot.textContent");
      return shown != null && shown.contains(text) ? shown : null;
    });
  }

  private WebElement find(String css) {
    return browser.await(d -> {
      SearchContext root = browser.shadowRoot("inflow-comments");
      return root.findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed).findFirst().orElse(null);
    });
  }
}
