package dev.inflow.core.internal.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MarkdownTest {
  private final Markdown markdown = new Markdown();

  private String html(String text) {
    return markdown.renderPlain(text);
  }

  @Test
  void commonFormattingRenders() {
    assertThat(html("**bold** _it_ ~~gone~~ `code`"))
        .isEqualTo("<p><strong>bold</strong> <em>it</em> <del>gone</del> <code>code</code></p>\n");
    assertThat(html("```java\nint x;\n```")).isEqualTo("<pre><code class=\"language-java\">int x;\n</code></pre>\n");
    assertThat(html("- a\n- b")).contains("<ul>", "<li>a</li>");
    assertThat(html("| a | b |\n|---|---|\n| 1 | 2 |")).contains("<table>", "<td>1</td>");
  }

  @Test
  void lineBreaksAreKeptAsPeopleTypedThem() {
    assertThat(html("line one\nline two")).isEqualTo("<p>line one<br />\nline two</p>\n");
  }

  @Test
  void linksGetNofollowUgcNoopener() {
    assertThat(html("[docs](https://example.com/a?b=1&c=2)"))
        .isEqualTo("<p><a href=\"https://example.com/a?b&#61;1&amp;c&#61;2\" rel=\"nofollow ugc noopener\">docs</a></p>\n");
    assertThat(html("see https://example.com")).contains("href=\"https://example.com\"", "rel=\"nofollow ugc noopener\"");
    assertThat(html("mail <ops@example.com>")).contains("href=\"mailto:ops&#64;example.com\"");
  }

  @Test
  void imagesBecomeLinksSoNothingLoadsByItself() {
    assertThat(html("![diagram](https://example.com/d.png)"))
        .isEqualTo("<p><a href=\"https://example.com/d.png\" rel=\"nofollow ugc noopener\">diagram</a></p>\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "<script>alert(1)</script>",
      "<img src=x onerror=alert(1)>",
      "[a](javascript:alert(1))",
      "[a](JaVaScRiPt:alert(1))",
      "[a](java\tscript:alert(1))",
      "[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
      "[a](vbscript:msgbox(1))",
      "<a href=\"javascript:alert(1)\">x</a>",
      "<svg onload=alert(1)>",
      "<iframe src=https://evil.example></iframe>",
      "![x](javascript:alert(1))",
      "[a](\"onmouseover=alert(1))",
      "<div style=\"background:url(javascript:alert(1))\">x</div>",
      "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
      "[x](https://ok.example \"title\\\" onmouseover=alert(1) x=\\\"\")"
  })
  void nothingScriptableSurvives(String attack) {
    String out = html(attack).toLowerCase();
    assertThat(out).doesNotContain("<script", "<img", "<svg", "<iframe", "<math", "<div", "<style", "style=")
        .doesNotContainPattern("<[^>]+\\son\\w+\\s*=")
        .as("only http, https and mailto links").doesNotContainPattern("href=\"(?!https?:|mailto:)");
  }

  @Test
  void mentionsAreResolvedOnlyForKnownUsersAndNotInCodeOrLinks() {
    var rendered = markdown.render("hi @Ben and @ghost, `@ben` [@ben](https://x.example) @ben.",
        ids -> ids.contains("Ben") ? Map.of("Ben", "ben", "ben", "ben") : Map.of("ben", "ben"));

    assertThat(rendered.mentions()).containsExactly("ben");
    assertThat(rendered.html()).contains("<span class=\"mention\" data-user=\"ben\">&#64;Ben</span> and &#64;ghost");
    assertThat(rendered.html()).contains("<code>&#64;ben</code>");
    assertThat(rendered.html()).endsWith("<span class=\"mention\" data-user=\"ben\">&#64;ben</span>.</p>\n");
  }
}
