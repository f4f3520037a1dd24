package dev.inflow.servlet.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * axe-core, the accessibility checker, run in a {@link Browser}'s page. The script comes from the
 * npm registry through the Maven build (sdk-servlet's pom installs {@code axe-core} and puts
 * {@code axe.min.js} on the test classpath, also in the test-jar) and is injected from there: no CDN.
 * WebDriver's script injection is not subject to the page's Content-Security-Policy, so it also
 * checks pages with a strict one.
 */
public final class Axe {
  private static final String RESOURCE = "/dev/inflow/servlet/testing/axe/axe.min.js";
  private static final String RUN = """
      const [selector, done] = arguments;
      axe.run({include: [[selector]]}, {resultTypes: ['violations']}).then(r => done(r.violations.map(v =>
          v.id + ' (' + v.impact + '): ' + v.help + '\\n' + v.nodes.map(n => '    at ' + JSON.stringify(n.target) + ': '
              + n.failureSummary.replace(/\\s+/g, ' ')).join('\\n'))), e => done(['axe failed: ' + e]));
      """;
  private static volatile String script;

  private Axe() {}

  /**
   * Runs axe-core's rules (WCAG 2.x A and AA, and its best practices) on the first element matching
   * the selector, shadow DOM included.
   *
   * @return the violations, one readable entry each (rule, impact, help, where); empty when none
   * @throws IllegalStateException when axe-core is not on the classpath (the tests ran outside Maven)
   */
  public static List<String> violations(Browser browser, String selector) {
    load(browser);
    browser.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    Object result = ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript(RUN, selector);
    @SuppressWarnings("unchecked")
    List<String> violations = (List<String>) result;
    return List.copyOf(violations);
  }

  /** @return axe-core's version, as it reports itself */
  public static String version(Browser browser) {
    load(browser);
    return String.valueOf(browser.script("return axe.version"));
  }

  private static void load(Browser browser) {
    if (!Boolean.TRUE.equals(browser.script("return typeof axe === 'object'"))) {
      browser.script(script());
    }
  }

  private static String script() {
    if (script == null) {
      try (InputStream in = Axe.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(RESOURCE + " is not on the test classpath. The Maven build installs axe-core from npm "
              + "in sdk-servlet's process-test-classes phase (exec-maven-plugin, execution 'axe-core'): run the tests through "
              + "./mvnw, with npm on the PATH and the npm registry reachable.");
        }
        script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return script;
  }
}
