package dev.inflow.servlet.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium for browser tests, driven through Debian's chromedriver. Nothing is ever
 * downloaded: the driver and browser paths are given explicitly, so Selenium Manager is skipped,
 * and should it run anyway it is told to stay offline. A missing browser or driver fails the test
 * with a message saying what to install; tests are never skipped.
 *
 * <p>Each instance is one person's browser with a fresh profile (no cookies shared with other
 * instances). Not thread-safe; close it to end the browser and delete its profile.
 */
public final class Browser implements AutoCloseable {
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  /** How long {@link #await} waits for the page to get there. */
  public static final Duration PATIENCE = Duration.ofSeconds(15);
  /**
   * Held so the level sticks: Selenium warns on every start that it has no DevTools classes for
   * this Chromium's version, which these tests do not use.
   */
  private static final Logger CDP_LOG = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

  private final ChromeDriver driver;
  private final Path profile;

  private Browser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /**
   * Starts a browser.
   *
   * @throws IllegalStateException when Chromium or chromedriver is missing or does not start
   */
  public static Browser start() {
    require(CHROMIUM, "chromium");
    require(CHROMEDRIVER, "chromium-driver");
    // Selenium Manager would fetch drivers and browsers from the internet; tests use the system ones.
    System.setProperty("SE_OFFLINE", "true");
    CDP_LOG.setLevel(Level.SEVERE);
    System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
    Path profile;
    try {
      profile = Files.createTempDirectory("inflow-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
        "--disable-quic", "--disable-default-apps", "--window-size=1280,1024", "--lang=en-US", "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    try {
      return new Browser(new ChromeDriver(service, options), profile);
    } catch (WebDriverException e) {
      delete(profile);
      throw new IllegalStateException("Chromium did not start through " + CHROMEDRIVER + ": " + e.getMessage(), e);
    }
  }

  /** @return the driver, for anything this class does not wrap */
  public WebDriver driver() {
    return driver;
  }

  /** Loads a page and returns when it has loaded (module scripts may still be running). */
  public Browser open(String url) {
    driver.get(url);
    return this;
  }

  /**
   * Signs in through the host's login stand-in of {@link TestServer}.
   *
   * @param baseUrl e.g. {@link TestServer#baseUrl()}
   */
  public Browser login(String baseUrl, String user, String... roles) {
    driver.get(baseUrl + "/login?user=" + user + (roles.length > 0 ? "&roles=" + String.join(",", roles) : ""));
    return this;
  }

  /** @return the open shadow root of the first element matching the selector, once it is there */
  public SearchContext shadowRoot(String hostSelector) {
    return await(d -> d.findElement(By.cssSelector(hostSelector)).getShadowRoot());
  }

  /**
   * Makes pages see this colour-scheme preference ({@code prefers-color-scheme}), as a reader's
   * operating system would set it.
   *
   * @param scheme {@code light} or {@code dark}
   */
  public Browser colorScheme(String scheme) {
    driver.executeCdpCommand("Emulation.setEmulatedMedia",
        Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    return this;
  }

  /** Gives pages a viewport of this size in CSS pixels, like a phone's ({@code 360 × 740}) or a desktop's. */
  public Browser viewport(int width, int height) {
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    return this;
  }

  /**
   * Runs the action (a click that sends a form or follows a link) and waits until the browser shows
   * the document it leads to. It marks the current document's window rather than holding one of its
   * elements: ChromeDriver sometimes answers a look-up of an element from a departing document with
   * an unknown error ("Node with given id does not belong to the document") instead of a stale one.
   */
  public Browser awaitNewPage(Runnable action) {
    script("window.inflowDepartingPage = true");
    action.run();
    await(d -> Boolean.TRUE.equals(script("return window.inflowDepartingPage === undefined")));
    return this;
  }

  /** @return the script's result, run in the page */
  public Object script(String javascript, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(javascript, args);
  }

  /**
   * Waits until the condition returns something other than null or false, re-evaluating it while
   * elements are missing or were replaced by a re-render.
   *
   * @throws org.openqa.selenium.TimeoutException after {@link #PATIENCE}
   */
  public <T> T await(Function<WebDriver, T> condition) {
    try {
      return new WebDriverWait(driver, PATIENCE)
          .ignoring(NoSuchElementException.class)
          .ignoring(StaleElementReferenceException.class)
          .until(condition::apply);
    } catch (TimeoutException e) {
      throw new TimeoutException("the page did not get there in " + PATIENCE.toSeconds() + " s; its console said:\n" + console(), e);
    }
  }

  /** @return what the page logged to its console since the last call, one entry a line */
  public String console() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .map(entry -> entry.getLevel() + " " + entry.getMessage())
        .collect(Collectors.joining("\n"));
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      delete(profile);
    }
  }

  private static void require(Path path, String debianPackage) {
    if (!Files.isExecutable(path)) {
      throw new IllegalStateException(path + " is missing; browser tests need it: apt-get install -y " + debianPackage);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
