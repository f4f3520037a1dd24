package dev.inflow.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inflow.servlet.testing.Browser;
import dev.inflow.servlet.widget.CommentsWidget;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The help desk in headless Chromium: sign in with Spring Security's form, then discuss a ticket. */
class HelpDeskBrowserTest extends HelpDeskTestBase {
  @Test
  void anEmployeeSignsInPostsOnATicketAndAColleagueOnTheSamePageSeesItWithoutReloading() throws Exception {
    String text = "Happens on the home Wi-Fi only, not on the phone hotspot.";
    try (Browser ana = Browser.start(); Browser ben = Browser.start()) {
      signIn(ben, "ben");
      CommentsWidget bens = CommentsWidget.open(ben, baseUrl() + "/tickets/101");
      ben.script("window.stillTheSamePage = true");
      signIn(ana, "ana");
      ana.driver().findElement(By.linkText("VPN drops every 20 minutes")).click();
      CommentsWidget anas = new CommentsWidget(ana);

      anas.post(text);

      assertThat(anas.comment(text).getText()).contains("Ana Lima");
      WebElement seen = bens.comment(text);
      assertThat(seen.getText()).contains("Ana Lima");
      assertThat(ben.script("return window.stillTheSamePage")).as("Ben's page was not reloaded").isEqualTo(true);
      assertThat(ben.driver().findElement(By.tagName("header")).getText()).contains("Ben Okafor");
    }
  }

  private void signIn(Browser browser, String user) {
    browser.open(baseUrl() + "/");
    browser.await(d -> d.getCurrentUrl().endsWith("/login"));
    browser.driver().findElement(By.name("username")).sendKeys(user);
    browser.driver().findElement(By.name("password")).sendKeys("demo");
    browser.driver().findElement(By.cssSelector("button[type=submit]")).click();
    browser.await(d -> d.findElement(By.tagName("h1")).getText().equals("Tickets"));
  }
}
