package dev.inflow.servlet.widget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inflow.servlet.testing.Axe;
import dev.inflow.servlet.testing.Browser;
import dev.inflow.servlet.widget.Gallery.Specimen;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * Every element checked by axe-core in light and dark, and used the way people who do not use a
 * mouse, or do not see the screen, use it: the keyboard with a visible focus ring, live regions
 * that announce what changes, form fields with labels and errors read with them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessibilityWidgetTest {
  private static final String FOCUSED = "let a = document.activeElement; while (a && a.shadowRoot && a.shadowRoot.activeElement) "
      + "a = a.shadowRoot.activeElement; return a;";
  private Gallery gallery;

  @BeforeAll
  void start() throws Exception {
    gallery = Gallery.start();
  }

  @AfterAll
  void stop() throws Exception {
    gallery.close();
  }

  /** A reader's colour-scheme preference, and the theme attribute that may override it. */
  private record Look(String preference, String theme) {
    boolean dark() {
      return theme.isEmpty() ? preference.equals("dark") : theme.equals("dark");
    }

    @Override
    public String toString() {
      return "prefers " + preference + (theme.isEmpty() ? "" : ", theme=" + theme);
    }
  }

  @Test
  void axeFindsNothingOnAnyElementInLightOrDark() {
    List<Look> looks = List.of(new Look("light", ""), new Look("dark", ""), new Look("dark", "light"), new Look("light", "dark"));
    List<String> found = new ArrayList<>();
    try (Browser browser = gallery.signIn(Browser.start())) {
      for (Specimen specimen : gallery.specimens()) {
        for (Look look : looks) {
          browser.colorScheme(look.preference());
          Gallery.open(browser, gallery.url(specimen, "csp=strict", look.theme().isEmpty() ? "" : "theme=" + look.theme()), specimen.element());
          assertThat(background(browser, specimen.element())).as("%s background, %s", specimen.element(), look)
              .isEqualTo(look.dark() ? "rgb(17, 24, 39)" : "rgb(255, 255, 255)");
          Axe.violations(browser, specimen.element()).forEach(v -> found.add(specimen.element() + " [" + look + "] " + v));
        }
      }
      assertThat(found).as("axe-core %s violations", Axe.version(browser)).isEmpty();
    }
  }

  @Test
  void axeFindsNothingWithTheCommentsFormsAndPickerOpen() {
    try (Browser browser = gallery.signIn(Browser.start())) {
      CommentsWidget widget = openComments(browser, "csp=strict");
      WebElement question = widget.comment("travel expenses");
      widget.button(question, "Reply").click();
      widget.find(".slot textarea").sendKeys("x".repeat(3));
      widget.button(question, "Formatting help").click();
      widget.button(question, "Add a reaction").click();
      WebElement answer = widget.comment("Upload the receipts");
      widget.button(answer, "Edit").click();
      widget.button(widget.comment("Per diems"), "Flag").click();
      widget.root().findElements(By.cssSelector("button[data-act=Help]")).get(0).click();
      assertThat(Axe.violations(browser, "inflow-comments")).isEmpty();
      browser.colorScheme("dark");
      assertThat(Axe.violations(browser, "inflow-comments")).isEmpty();
    }
  }

  @Test
  void everyControlIsReachedByTabAndShowsAFocusRing() {
    try (Browser browser = gallery.signIn(Browser.start())) {
      openComments(browser, "csp=strict");
      List<String> reached = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
        WebElement focused = (WebElement) browser.script(FOCUSED);
        if (!Boolean.TRUE.equals(browser.script("return document.querySelector('inflow-comments').shadowRoot.contains(arguments[0])", focused))) {
          continue;
        }
        String name = focused.getTagName() + ":" + (focused.getAccessibleName().isBlank() ? focused.getText() : focused.getAccessibleName());
        reached.add(name);
        assertThat(focused.getCssValue("outline-style")).as("outline of %s", name).isEqualTo("solid");
        assertThat(focused.getCssValue("outline-width")).as("outline of %s", name).isEqualTo("2px");
      }
      assertThat(reached).contains("select:Sort by", "textarea:Add a comment", "button:Formatting help", "button:Post",
          "button:Add a reaction", "button:Reply", "button:Edit", "button:Delete", "button:Flag", "button:👍 2");
    }
  }

  @Test
  void everyControlOfEveryElementIsReachedByTabWithAFocusRing() {
    try (Browser browser = gallery.signIn(Browser.start())) {
      for (Specimen specimen : gallery.specimens()) {
        Gallery.open(browser, gallery.url(specimen, "csp=strict"), specimen.element());
        // Records what Tab reaches inside the element, and whether its focus ring shows right then.
        browser.script("""
            const root = document.querySelector(arguments[0]).shadowRoot;
            window.reached = new Set(); window.ringless = [];
            root.addEventListener('focusin', e => {
              const el = e.composedPath()[0], css = getComputedStyle(el);
              reached.add(el);
              if (css.outlineStyle !== 'solid' || parseFloat(css.outlineWidth) < 2) ringless.push(el.nodeName + ' ' + el.textContent.slice(0, 30));
            });
            document.activeElement?.blur();
            """, specimen.element());
        Long controls = (Long) browser.script("return document.querySelector(arguments[0]).shadowRoot"
            + ".querySelectorAll('button, select, textarea, a[href], [tabindex=\"0\"]').length", specimen.element());
        for (int i = 0; i < controls + 5; i++) {
          new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
        }
        @SuppressWarnings("unchecked")
        List<String> missed = (List<String>) browser.script("""
            return [...document.querySelector(arguments[0]).shadowRoot.querySelectorAll('button, select, textarea, a[href], [tabindex="0"]')]
                .filter(el => !el.disabled && el.tabIndex >= 0 && el.getClientRects().length && !reached.has(el))
                .map(el => el.nodeName + ' ' + el.textContent.slice(0, 30));
            """, specimen.element());
        assertThat(missed).as("%s controls that Tab does not reach", specimen.element()).isEmpty();
        assertThat(browser.script("return ringless")).as("%s controls focused without a visible ring", specimen.element()).isEqualTo(List.of());
        assertThat((Long) browser.script("return reached.size")).as("%s controls reached", specimen.element()).isGreaterThanOrEqualTo(3L);
      }
    }
  }

  @Test
  void feedTabsFollowTheArrowKeysAndNewActivityIsAnnounced() {
    try (Browser browser = gallery.signIn(Browser.start())) {
      Specimen feed = gallery.specimen("inflow-feed");
      Gallery.open(browser, gallery.url(feed, "csp=strict"), feed.element());
      String selected = "return document.querySelector('inflow-feed').shadowRoot.querySelector('[role=tab][aria-selected=true]')";
      WebElement tab = (WebElement) browser.script(selected);
      assertThat(tab.getText()).isEqualTo("Travel expenses");
      assertThat(tab.getAttribute("tabindex")).as("the selected tab is the one in the Tab order").isEqualTo("0");
      focus(browser, tab);
      new Actions(browser.driver()).sendKeys(Keys.HOME).perform();
      browser.await(d -> "Following".equals(((WebElement) browser.script(selected)).getText()) ? true : null);
      assertThat(focused(browser).getText()).isEqualTo("Following");
      new Actions(browser.driver()).sendKeys(Keys.END).perform();
      browser.await(d -> "Travel expenses".equals(((WebElement) browser.script(selected)).getText()) ? true : null);
      Gallery.open(browser, gallery.url(feed, "csp=strict"), feed.element());

      String target = (String) browser.script("return document.querySelector('inflow-feed').getAttribute('target')");
      WebElement status = browser.shadowRoot("inflow-feed").findElement(By.cssSelector("[part~=status]:not([part~=connection])"));
      assertThat(status.getAttribute("role")).isEqualTo("status");
      gallery.post("cleo", target, "Mileage goes in the same form.", null);
      browser.await(d -> "New activity.".equals(status.getText()) ? true : null);
    }
  }

  @Test
  void replyingWorksFromTheKeyboardAndFocusComesBack() {
    try (Browser browser = gallery.signIn(Browser.start())) {
      CommentsWidget widget = openComments(browser, "csp=strict");
      WebElement question = widget.comment("travel expenses");
      WebElement reply = widget.button(question, "Reply");
      focus(browser, reply);

      new Actions(browser.driver()).sendKeys(Keys.ENTER).perform();
      WebElement box = focused(browser);
      assertThat(box.getTagName()).isEqualTo("textarea");
      assertThat(box.getAccessibleName()).isEqualTo("Reply to Ben Okafor");
      new Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();
      assertThat(question.findElements(By.cssSelector(":scope > article .slot textarea"))).isEmpty();
      assertThat(focused(browser).getText()).isEqualTo("Reply");

      new Actions(browser.driver()).sendKeys(Keys.SPACE).perform();
      new Actions(browser.driver()).sendKeys("Thanks, that worked!").keyDown(Keys.CONTROL).sendKeys(Keys.ENTER).keyUp(Keys.CONTROL).perform();
      widget.comment("Thanks, that worked!");
      browser.await(d -> "Reply".equals(focused(browser).getText()) ? true : null);
      widget.shows(".status", "Your comment was posted.");

      WebElement pick = widget.button(question, "Add a reaction");
      focus(browser, pick);
      new Actions(browser.driver()).sendKeys(Keys.ENTER).perform();
      assertThat(focused(browser).getAttribute("data-emoji")).isNotBlank();
      String emoji = focused(browser).getAttribute("data-emoji");
      new Actions(browser.driver()).sendKeys(Keys.SPACE).perform();
      browser.await(d -> "true".equals(focused(browser).getAttribute("aria-pressed")) ? true : null);
      assertThat(focused(browser).getAttribute("data-emoji")).isEqualTo(emoji);
      new Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();
      assertThat(focused(browser).getAttribute("aria-label")).isEqualTo("Add a reaction");
      assertThat(focused(browser).getAttribute("aria-expanded")).isEqualTo("false");
    }
  }

  @Test
  void deletingFromTheKeyboardLeavesFocusOnTheList() {
    try (Browser browser = gallery.signIn(Browser.start())) {
      CommentsWidget widget = openComments(browser, "csp=strict");
      widget.post("A comment to take back.");
      WebElement mine = widget.comment("A comment to take back.");
      focus(browser, widget.button(mine, "Delete"));
      new Actions(browser.driver()).sendKeys(Keys.ENTER).perform();
      assertThat(focused(browser).getText()).isEqualTo("Yes, delete");
      new Actions(browser.driver()).sendKeys(Keys.ENTER).perform();
      widget.shows(".status", "The comment was deleted.");
      assertThat(focused(browser).getTagName()).isEqualTo("h2");
    }
  }

  @Test
  void newCommentsAreAnnouncedInALiveRegion() {
    try (Browser browser = gallery.signIn(Browser.start())) {
      CommentsWidget widget = openComments(browser, "csp=strict");
      // Not widget.find(): an empty live region takes no space, and find() waits for a visible one.
      WebElement status = widget.root().findElement(By.cssSelector("[part~=status]:not([part~=connection])"));
      assertThat(status.getAttribute("role")).as("a polite live region, present before anything is announced").isEqualTo("status");
      String target = (String) browser.script("return document.querySelector('inflow-comments').getAttribute('target')");
      gallery.post("ben", target, "Receipts older than 90 days need a note.", null);
      widget.comment("Receipts older than 90 days");
      widget.shows(".status", "New comment from Ben Okafor");
      assertThat(widget.root().findElements(By.cssSelector("[role=status]"))).hasSize(2);
    }
  }

  @Test
  void theTextBoxHasALabelAndItsErrorIsReadWithIt() {
    try (Browser browser = gallery.signIn(Browser.start())) {
      CommentsWidget widget = openComments(browser, "csp=strict");
      WebElement box = widget.mainBox();
      assertThat(box.getAccessibleName()).isEqualTo("Add a comment");
      browser.script("const [box] = arguments; box.value = 'x'.repeat(10001); box.dispatchEvent(new Event('input', {bubbles: true}))", box);
      assertThat(box.getAttribute("aria-invalid")).isEqualTo("true");
      List<String> description = describedBy(browser, box);
      assertThat(description).contains("10,001 / 10,000", "1 character too many");
      widget.find("form button.primary").click();
      assertThat(widget.text("form .error")).isEqualTo("Your text is too long.");
      assertThat(describedBy(browser, box)).contains("Your text is too long.");
      assertThat(focused(browser)).isEqualTo(box);

      browser.script("const [box] = arguments; box.value = 'Fine now.'; box.dispatchEvent(new Event('input', {bubbles: true}))", box);
      assertThat(box.getAttribute("aria-invalid")).isEqualTo("false");
    }
  }

  private CommentsWidget openComments(Browser browser, String... query) {
    Gallery.open(browser, gallery.url(gallery.specimen("inflow-comments"), query), "inflow-comments");
    return new CommentsWidget(browser);
  }

  /** @return the texts of the elements the control's aria-describedby names, in its shadow root */
  private static List<String> describedBy(Browser browser, WebElement control) {
    @SuppressWarnings("unchecked")
    List<String> texts = (List<String>) browser.script("const [c] = arguments; return c.getAttribute('aria-describedby').split(' ')"
        + ".map(id => c.getRootNode().getElementById(id).textContent)", control);
    return texts;
  }

  private static String background(Browser browser, String element) {
    return (String) browser.script("return getComputedStyle(document.querySelector(arguments[0])).backgroundColor", element);
  }

  private static WebElement focused(Browser browser) {
    return (WebElement) browser.script(FOCUSED);
  }

  /** Puts keyboard focus on the control, as reaching it with Tab would (so :focus-visible applies). */
  private static void focus(Browser browser, WebElement control) {
    browser.script("arguments[0].focus()", control);
  }
}
