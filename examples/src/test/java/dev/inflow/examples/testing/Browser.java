package dev.inflow.examples.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Debian's chromedriver, with a fresh profile per browser.
 * Nothing is downloaded: Selenium Manager is never asked, and a missing browser or driver fails
 * the test with the command that installs it.
 */
public final class Browser implements AutoCloseable {
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private final ChromeDriver driver;
  private final Path profile;

  private Browser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** Starts a headless browser with an empty profile. */
  public static Browser start() throws IOException {
    require(CHROMIUM, "chromium");
    require(CHROMEDRIVER, "chromium-driver");
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    Path profile = Files.createTempDirectory("inflow-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
        "--window-size=1280,1000", "--lang=en-US", "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    try {
      return new Browser(new ChromeDriver(service, options), profile);
    } catch (RuntimeException e) {
      delete(profile);
      throw new IllegalStateException("Chromium did not start through " + CHROMEDRIVER + ": " + e.getMessage(), e);
    }
  }

  /** @return the Selenium driver */
  public ChromeDriver driver() {
    return driver;
  }

  /** @return a wait of up to 10 seconds, for what the page shows after a request */
  public WebDriverWait await() {
    return new WebDriverWait(driver, Duration.ofSeconds(10));
  }

  /** @return the console messages logged since the last call (errors, CSP violations, ...) */
  public List<String> consoleMessages() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      delete(profile);
    }
  }

  private static void require(Path file, String debianPackage) {
    if (!Files.isExecutable(file)) {
      throw new IllegalStateException(file + " is missing: browser tests need Debian's " + debianPackage
          + " (scripts/test.sh installs it; or apt-get install -y chromium chromium-driver)");
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A profile left in the temp directory costs disk space, not correctness.
    }
  }
}
