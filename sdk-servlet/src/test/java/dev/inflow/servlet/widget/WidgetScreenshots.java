package dev.inflow.servlet.widget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inflow.servlet.testing.Browser;
import dev.inflow.servlet.widget.Gallery.Specimen;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;

/**
 * Photographs every element of the {@link Gallery}: light, dark and narrow (360 px), and the
 * comments on a host page with its own look (README, "Match your site's look"). The pictures go to
 * {@code -Dinflow.screenshots} (default {@code target/screenshots}); scripts/screenshots.sh runs
 * this with docs/images, so that the documentation shows the widget as it is.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WidgetScreenshots {
  private final Path folder = Path.of(System.getProperty("inflow.screenshots", "target/screenshots"));
  private Gallery gallery;

  @BeforeAll
  void start() throws Exception {
    gallery = Gallery.start();
    Files.createDirectories(folder);
  }

  @AfterAll
  void stop() throws Exception {
    gallery.close();
  }

  @Test
  void everyElementLightDarkAndNarrow() throws IOException {
    List<Path> taken = new ArrayList<>();
    try (Browser browser = gallery.signIn(Browser.start())) {
      for (Specimen specimen : gallery.specimens()) {
        String name = specimen.element().substring("inflow-".length());
        browser.viewport(900, 1400).colorScheme("light");
        taken.add(shoot(browser, gallery.url(specimen, "csp=strict"), specimen.element(), name + "-light.png", 900));
        browser.colorScheme("dark");
        taken.add(shoot(browser, gallery.url(specimen, "csp=strict"), specimen.element(), name + "-dark.png", 900));
        browser.colorScheme("light").viewport(360, 1400);
        taken.add(shoot(browser, gallery.url(specimen, "csp=strict"), specimen.element(), name + "-narrow.png", 360));
      }
      browser.viewport(900, 1400);
      taken.add(shoot(browser, gallery.url(gallery.specimen("inflow-comments"), "csp=strict", "look=brand"), "inflow-comments",
          "comments-brand.png", 900));
    }
    assertThat(taken).allSatisfy(p -> assertThat(Files.size(p)).isGreaterThan(5_000));
  }

  /** Opens the page, waits for the element, and saves a picture of it; asserts it is as wide as the page lets it be. */
  private Path shoot(Browser browser, String url, String element, String file, int maxWidth) throws IOException {
    Gallery.open(browser, url, element);
    // Nothing focused, no caret: the same picture every time.
    browser.script("document.activeElement?.blur(); window.scrollTo(0, 0)");
    byte[] png = browser.driver().findElement(By.cssSelector(element)).getScreenshotAs(OutputType.BYTES);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image.getWidth()).as(file).isBetween(maxWidth / 2, maxWidth);
    Path path = folder.resolve(file);
    Files.write(path, png);
    return path;
  }
}
