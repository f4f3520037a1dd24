package dev.inflow.servlet.widget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inflow.servlet.testing.Browser;
import dev.inflow.servlet.widget.Gallery.Specimen;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.JavascriptExecutor;

/**
 * How every element sits in a host's page: it loads without moving anything, works under a strict
 * Content-Security-Policy, fits a 360 px phone, takes the host's font and theme, and speaks the
 * page's language with numbers, plurals and times formatted for it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PresentationWidgetTest {
  /**
   * The Layout Instability API's shifts so far (buffered from the page's start), one line each:
   * its score and the nodes that moved.
   */
  private static final String LAYOUT_SHIFTS = """
      const done = arguments[arguments.length - 1], shifts = [];
      const o = new PerformanceObserver(list => shifts.push(...list.getEntries()));
      o.observe({type: 'layout-shift', buffered: true});
      setTimeout(() => {
        shifts.push(...o.takeRecords());
        o.disconnect();
        const rect = r => `${r.x},${r.y} ${r.width}x${r.height}`;
        done(shifts.map(e => e.value.toFixed(4) + ' moved ' + e.sources.map(s => (s.node ? s.node.nodeName + '.' + s.node.className : 'a node')
            + ' from ' + rect(s.previousRect) + ' to ' + rect(s.currentRect)).join(', ')));
      }, 1000);
      """;
  private static final String STYLE_ATTRIBUTES = """
      const root = document.querySelector(arguments[0]).shadowRoot;
      return [...root.querySelectorAll('[style]')].map(el => el.nodeName + ' style="' + el.getAttribute('style') + '"');
      """;
  private Gallery gallery;

  @BeforeAll
  void start() throws Exception {
    gallery = Gallery.start();
  }

  @AfterAll
  void stop() throws Exception {
    gallery.close();
  }

  @Test
  void contentFillsTheSpaceKeptForItWithoutShiftingTheLayout() {
    List<String> shifts = new ArrayList<>();
    try (Browser browser = gallery.signIn(Browser.start())) {
      // Tall enough for everything: a page scrollbar that appears as content arrives moves things
      // sideways, but that is the host page's (scrollbar-gutter: stable), not the element's doing.
      browser.viewport(1280, 4000);
      for (Specimen specimen : gallery.specimens()) {
        Gallery.open(browser, gallery.url(specimen, "csp=strict"), specimen.element());
        assertThat(layoutShifts(browser)).as("the Layout Instability API works here").isNotNull();
        layoutShifts(browser).forEach(s -> shifts.add(specimen.element() + ": " + s));
      }
    }
    assertThat(shifts).as("layout shifts while the elements loaded").isEmpty();
  }

  @Test
  void placeholdersShowWhileLoadingAndTheFirstContentNeedsOneRoundTrip() {
    try (Browser browser = gallery.signIn(Browser.start())) {
      for (Specimen specimen : gallery.specimens()) {
        Gallery.open(browser, gallery.url(specimen, "csp=strict"), specimen.element());
        // The element asks for all it shows at once: the API requests it made before its first
        // content arrived were all sent before the first of them was answered. Only the latest call
        // of each URL counts: an element that starts over (an attribute set while it loads) sends
        // its requests again, together. The times are the page script's (HostPage), not the
        // network's, which a busy machine can take up one after the other.
        @SuppressWarnings("unchecked")
        List<Object> overlap = (List<Object>) browser.script("""
            const latest = new Map();
            window.apiCalls.forEach(c => latest.set(c.url, c));
            const calls = [...latest.values()];
            const firstAnswer = Math.min(...calls.map(c => c.answered));
            return [calls.length, calls.filter(c => c.sent > firstAnswer).map(c => c.url)];
            """);
        assertThat((Long) overlap.get(0)).as("%s API calls", specimen.element()).isGreaterThanOrEqualTo(2);
        assertThat((List<?>) overlap.get(1)).as("%s calls sent only after another answered", specimen.element()).isEmpty();
      }

      // Slow the network down: before the answers, the element shows placeholders in the list's place.
      Specimen comments = gallery.specimen("inflow-comments");
      ((org.openqa.selenium.chrome.ChromeDriver) browser.driver()).executeCdpCommand("Network.enable", java.util.Map.of());
      ((org.openqa.selenium.chrome.ChromeDriver) browser.driver()).executeCdpCommand("Network.emulateNetworkConditions",
          java.util.Map.of("offline", false, "latency", 1500, "downloadThroughput", -1, "uploadThroughput", -1));
      browser.open(gallery.url(comments, "csp=strict"));
      Long placeholders = browser.await(d -> (Long) browser.script("""
          const r = document.querySelector('inflow-comments')?.shadowRoot;
          const list = r && r.querySelector('[aria-busy=true]');
          return list && list.querySelectorAll('.sk[aria-hidden=true]').length || null;
          """));
      assertThat(placeholders).isEqualTo(3);
    }
  }

  @Test
  void aStrictContentSecurityPolicyRefusesNothingAndNoElementNeedsAStyleAttribute() {
    try (Browser browser = gallery.signIn(Browser.start())) {
      for (Specimen specimen : gallery.specimens()) {
        Gallery.open(browser, gallery.url(specimen, "csp=strict"), specimen.element());
        assertThat(browser.script("return window.cspViolations")).as("%s: what the CSP refused", specimen.element()).isEqualTo(List.of());
        assertThat(browser.script(STYLE_ATTRIBUTES, specimen.element())).as("%s: style attributes", specimen.element()).isEqualTo(List.of());
        assertThat((Long) browser.script("return document.querySelector(arguments[0]).shadowRoot.adoptedStyleSheets.length", specimen.element()))
            .as("constructed stylesheets").isGreaterThanOrEqualTo(2);
        assertThat(browser.console()).as("%s console", specimen.element()).doesNotContain("SEVERE");
      }
    }
  }

  @Test
  void everyElementFitsA360PixelPhoneWithoutScrollingSideways() {
    try (Browser browser = gallery.signIn(Browser.start())) {
      browser.viewport(360, 740);
      for (Specimen specimen : gallery.specimens()) {
        Gallery.open(browser, gallery.url(specimen, "csp=strict"), specimen.element());
        assertThat((Long) browser.script("return document.documentElement.scrollWidth")).as("%s page width", specimen.element())
            .isLessThanOrEqualTo(360L);
        @SuppressWarnings("unchecked")
        List<String> outside = (List<String>) browser.script("""
            const host = document.querySelector(arguments[0]), right = host.getBoundingClientRect().right;
            return [...host.shadowRoot.querySelectorAll('button, select, textarea, input, a, [part~=body], [role=tab]')]
                .filter(el => el.getClientRects().length && el.getBoundingClientRect().right > right + 0.5)
                .map(el => el.nodeName + ' ' + el.textContent.slice(0, 40));
            """, specimen.element());
        assertThat(outside).as("%s controls reaching past the element's right edge at 360 px", specimen.element()).isEmpty();
        @SuppressWarnings("unchecked")
        List<String> small = (List<String>) browser.script("""
            return [...document.querySelector(arguments[0]).shadowRoot.querySelectorAll('button, select, textarea')]
                .filter(el => el.getClientRects().length && el.getBoundingClientRect().height < 24)
                .map(el => el.nodeName + ' ' + el.textContent.slice(0, 40));
            """, specimen.element());
        assertThat(small).as("%s controls smaller than a 24 px target", specimen.element()).isEmpty();
      }
    }
  }

  @Test
  void theHostsFontAndThemeApplyThroughCustomPropertiesAndParts() {
    try (Browser browser = gallery.signIn(Browser.start())) {
      for (Specimen specimen : gallery.specimens()) {
        Gallery.open(browser, gallery.url(specimen, "csp=strict"), specimen.element());
        assertThat(font(browser, specimen.element())).as("%s inherits the page's font", specimen.element())
            .isEqualTo(browser.script("return getComputedStyle(document.body).fontFamily"));

        Gallery.open(browser, gallery.url(specimen, "csp=strict", "look=brand"), specimen.element());
        assertThat(font(browser, specimen.element())).as("%s font on the branded page", specimen.element()).contains("Georgia");
        assertThat(browser.script("return getComputedStyle(document.querySelector(arguments[0]).shadowRoot.querySelector('[part~=button]')).borderRadius",
            specimen.element())).as("%s --inflow-radius", specimen.element()).isEqualTo("2px");
      }
      assertThat(browser.script("return getComputedStyle(document.querySelector('inflow-feed').shadowRoot.querySelector('[aria-selected=true]'))"
          + ".borderBottomColor")).as("--inflow-accent").isEqualTo("rgb(15, 82, 87)");

      Gallery.open(browser, gallery.url(gallery.specimen("inflow-comments"), "csp=strict", "look=brand"), "inflow-comments");
      assertThat(browser.script("return getComputedStyle(document.querySelector('inflow-comments').shadowRoot.querySelector('button.primary'))"
          + ".backgroundColor")).as("--inflow-accent").isEqualTo("rgb(15, 82, 87)");
      assertThat(browser.script("return getComputedStyle(document.querySelector('inflow-comments').shadowRoot.querySelector('[part~=title]'))"
          + ".textTransform")).as("::part(title)").isEqualTo("uppercase");
    }
  }

  @Test
  void aGermanPageGetsGermanWordsNumbersPluralsAndTimes() {
    try (Browser browser = gallery.signIn(Browser.start())) {
      Gallery.open(browser, gallery.url(gallery.specimen("inflow-comments"), "csp=strict", "lang=de"), "inflow-comments");
      CommentsWidget comments = new CommentsWidget(browser);
      assertThat(comments.text("h2")).matches("\\d+ Kommentare");
      assertThat(comments.text("label")).startsWith("Sortieren");
      assertThat(comments.text(".counter")).as("Intl.NumberFormat('de')").isEqualTo("0 / 10.000");
      assertThat(comments.text("time")).as("Intl.RelativeTimeFormat('de')").isEqualTo("jetzt");
      assertThat(browser.script("return document.querySelector('inflow-comments').shadowRoot.firstElementChild.lang")).isEqualTo("de");
      browser.script("const [box] = arguments; box.value = 'x'.repeat(10001); box.dispatchEvent(new Event('input', {bubbles: true}))",
          comments.mainBox());
      assertThat(comments.text("form .error")).as("Intl.PluralRules('de'), one").isEqualTo("1 Zeichen zu viel");
      assertThat(comments.text(".counter")).isEqualTo("10.001 / 10.000");

      Gallery.open(browser, gallery.url(gallery.specimen("inflow-feed"), "csp=strict", "lang=de"), "inflow-feed");
      assertThat(browser.script("return [...document.querySelector('inflow-feed').shadowRoot.querySelectorAll('[role=tab]')].map(t => t.textContent)"))
          .isEqualTo(List.of("Abonniert", "#travel", "Travel expenses"));
      assertThat(browser.script("return [...document.querySelector('inflow-feed').shadowRoot.querySelectorAll('.item .line')].map(l => l.textContent)"))
          .asList().anySatisfy(line -> assertThat(line).asString().endsWith("Travel expenses kommentiert"));
      assertThat(browser.script("return document.querySelector('inflow-feed').shadowRoot.querySelector('.item time').textContent")).isEqualTo("jetzt");
      assertThat(browser.script("return [...document.querySelector('inflow-feed').shadowRoot.querySelectorAll('.bar button')].map(t => t.textContent)"))
          .isEqualTo(List.of("Folgen", "Stummschalten"));
    }
  }

  /** @return the layout shifts the page has recorded, or null when the browser has no Layout Instability API */
  @SuppressWarnings("unchecked")
  private static List<String> layoutShifts(Browser browser) {
    browser.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    if (!Boolean.TRUE.equals(browser.script("return PerformanceObserver.supportedEntryTypes.includes('layout-shift')"))) {
      return null;
    }
    return (List<String>) ((JavascriptExecutor) browser.driver()).executeAsyncScript(LAYOUT_SHIFTS);
  }

  private static String font(Browser browser, String element) {
    return (String) browser.script("return getComputedStyle(document.querySelector(arguments[0]).shadowRoot.querySelector('button')).fontFamily", element);
  }
}
