package dev.inflow.servlet.widget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inflow.core.Inflow;
import dev.inflow.core.testing.TestDatabase;
import dev.inflow.servlet.InflowServlet;
import dev.inflow.servlet.internal.platform.WidgetAssets;
import dev.inflow.servlet.testing.Container;
import dev.inflow.servlet.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What a browser downloads for the widget, over HTTP as it asks for it (gzip accepted): the
 * production build, every element together within the budget, each element loadable alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WidgetBudgetTest {
  /**
   * What a page downloads to show every element in one language, gzipped as sent: the stub
   * {@code /inflow/inflow.js} and the bundle of the page's language it imports, which has that
   * language's messages built in and imports nothing more. Checked for every language; also for
   * each element loaded alone ({@code /inflow/comments.js}: its stub, its chunk and
   * {@code common.js}).
   *
   * <p>Issue #9: 20 KB. Measured when the bundles came: an English page 18,194 bytes (stub 178 +
   * bundle 18,016), a German one 18,583 (178 + 18,405); as separately compressed chunks they were
   * 22,214 and 24,685. One element alone: 13,054 bytes for comments.js, the largest.
   */
  static final int BUDGET = 20_000;
  private static final Pattern STUB_IMPORT = Pattern.compile("import '\\./(v/[0-9a-f]+/([a-z0-9-]+\\.js))';");
  /** A language's bundle in the all-elements stub: {@code de:'./v/0a1b.../inflow-de.js'}. */
  private static final Pattern STUB_BUNDLE = Pattern.compile("([a-z]{2,3}):'\\./(v/[0-9a-f]+/(inflow-[a-z]+\\.js))'");
  /** What the server follows as a static import (WidgetAssets): a bundle must have none. */
  private static final Pattern STATIC_IMPORT = Pattern.compile("(?:import|export)\\s*(?:[^'\";]*?\\bfrom\\s*)?['\"]\\./([a-z0-9-]+\\.js)['\"]");

  private final HttpClient http = HttpClient.newHttpClient();
  private Inflow inflow;
  private TestServer server;

  @BeforeAll
  void start() throws Exception {
    inflow = TestDatabase.inflow().build();
    server = TestServer.start(Container.JETTY, InflowServlet.builder(inflow).build());
  }

  @AfterAll
  void stop() throws Exception {
    server.close();
    inflow.close();
  }

  @Test
  void everyElementTogetherStaysWithinTheBudgetGzippedInEveryLanguage() {
    WidgetAssets assets = WidgetAssets.load();
    Map<String, String> bundles = stubBundles();
    assertThat(bundles.keySet()).as("languages /inflow/inflow.js has a bundle for").contains("en", "de")
        .containsExactlyInAnyOrderElementsOf(assets.bundles().keySet());
    int stub = send("/inflow/inflow.js", "gzip").body().length;
    for (Map.Entry<String, String> bundle : bundles.entrySet()) {
      String language = bundle.getKey();
      HttpResponse<byte[]> zipped = send("/inflow/" + bundle.getValue(), "gzip");
      assertThat(zipped.statusCode()).as(bundle.getValue()).isEqualTo(200);
      assertThat(zipped.headers().firstValue("Content-Encoding")).as(bundle.getValue()).hasValue("gzip");
      String code = get("/inflow/" + bundle.getValue(), false);
      assertThat(STATIC_IMPORT.matcher(code).find()).as("the %s bundle imports another module", language).isFalse();
      assertThat(code).as("the %s bundle loads its own language's messages", language).doesNotContain("./i18n-" + language + ".js");
      for (String element : assets.elements()) {
        assertThat(code).as("the %s bundle defines %s", language, element).contains("\"inflow-" + element.replace(".js", "") + "\"");
      }
      int total = stub + zipped.body().length;
      assertThat(total).as("bytes a page in %s downloads for every element, gzipped: stub %,d + %s %,d",
          language, stub, bundle.getValue(), zipped.body().length).isLessThanOrEqualTo(BUDGET);
    }
  }

  @Test
  void eachElementAloneStaysWithinTheBudgetGzipped() {
    for (String element : WidgetAssets.load().elements()) {
      Map<String, Integer> sizes = download(element);
      int total = sizes.values().stream().mapToInt(Integer::intValue).sum();
      assertThat(total).as("bytes of %s alone, gzipped, by file: %s", element, sizes).isLessThanOrEqualTo(BUDGET);
    }
  }

  @Test
  void otherLanguagesMessagesAreFetchedOnlyByElementsInThatLanguage() {
    WidgetAssets assets = WidgetAssets.load();
    assertThat(assets.onDemand()).as("modules loaded on demand").contains("i18n-de.js", "i18n-en.js");
    for (String entry : assets.elements()) {
      assertThat(stubModules(entry)).as("what /inflow/%s makes every page download", entry)
          .noneMatch(module -> module.contains("/i18n-"));
    }
    assertThat(get("/inflow/inflow.js", false)).doesNotContain("i18n-");
    String german = get("/inflow/v/" + assets.version() + "/i18n-de.js", false);
    assertThat(german).as("German messages, minified, served as a module").startsWith("export default {").contains("Kommentare")
        .doesNotContain("\n  ");
    String english = get("/inflow/v/" + assets.version() + "/i18n-en.js", false);
    assertThat(english).as("English messages, for an English element on a German page").startsWith("export default {")
        .contains("Comments");
  }

  @Test
  void productionServesTheMinifiedBuildNotTheSources() {
    WidgetAssets assets = WidgetAssets.load();
    assertThat(assets.minified()).as("the minified chunks are on the classpath (Maven's process-classes phase makes them)").isTrue();
    List<String> served = new ArrayList<>(stubBundles().values());
    assets.elements().forEach(e -> served.addAll(stubModules(e)));
    for (String module : served) {
      String code = get("/inflow/" + module, false);
      assertThat(code.contains("\n  ") || code.contains("// ")).as("%s has indentation or comments", module).isFalse();
    }
    int english = get("/inflow/" + stubBundles().get("en"), false).length();
    int sources = assets.elements().stream().mapToInt(e -> source(e).length()).sum()
        + List.of("api.js", "i18n.js", "i18n-en.js", "ui.js", "live.js").stream().mapToInt(m -> source(m).length()).sum();
    assertThat(english).as("characters of the English bundle, against the readable sources").isLessThan(sources * 2 / 3);
  }

  @Test
  void eachElementLoadsAloneAndSharesTheCommonCode() {
    WidgetAssets assets = WidgetAssets.load();
    for (String element : assets.elements()) {
      List<String> modules = stubModules(element).stream().map(m -> m.substring(m.lastIndexOf('/') + 1)).toList();
      assertThat(modules).as("modules of /inflow/%s", element).endsWith(element).isEqualTo(assets.modules(element));
      if (assets.elements().size() > 1) {
        assertThat(modules).as("code the elements share is one module").contains("common.js");
      }
    }
  }

  @Test
  void gzipIsOnlySentToBrowsersThatAcceptIt() {
    String module = stubModules(WidgetAssets.load().elements().get(0)).get(0);
    HttpResponse<byte[]> plain = send("/inflow/" + module, null);
    HttpResponse<byte[]> zipped = send("/inflow/" + module, "gzip, deflate, br");
    assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(gunzip(zipped.body())).isEqualTo(plain.body());
    assertThat(zipped.headers().firstValue("ETag")).isNotEqualTo(plain.headers().firstValue("ETag"));
    assertThat(zipped.headers().firstValue("Vary")).hasValue("Accept-Encoding");
    assertThat(send("/inflow/" + module, "gzip;q=0, identity").headers().firstValue("Content-Encoding")).isEmpty();
  }

  /** @return the bundles {@code /inflow/inflow.js} picks from, by language: {@code de → v/0a1b.../inflow-de.js} */
  private Map<String, String> stubBundles() {
    Map<String, String> bundles = new LinkedHashMap<>();
    Matcher m = STUB_BUNDLE.matcher(get("/inflow/inflow.js", false));
    while (m.find()) {
      bundles.put(m.group(1), m.group(2));
    }
    assertThat(bundles).as("bundles of /inflow/inflow.js").isNotEmpty();
    return bundles;
  }

  /** @return gzipped bytes of the entry's stub and of each module it loads, by file name */
  private Map<String, Integer> download(String entry) {
    Map<String, Integer> sizes = new LinkedHashMap<>();
    sizes.put("/inflow/" + entry, send("/inflow/" + entry, "gzip").body().length);
    for (String module : stubModules(entry)) {
      HttpResponse<byte[]> r = send("/inflow/" + module, "gzip");
      assertThat(r.statusCode()).as(module).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Encoding")).as(module).hasValue("gzip");
      sizes.put(module.substring(module.lastIndexOf('/') + 1), r.body().length);
    }
    return sizes;
  }

  /** @return the versioned modules the entry stub imports, e.g. {@code v/0a1b.../comments.js} */
  private List<String> stubModules(String entry) {
    List<String> modules = new ArrayList<>();
    Matcher m = STUB_IMPORT.matcher(get("/inflow/" + entry, false));
    while (m.find()) {
      modules.add(m.group(1));
    }
    assertThat(modules).as("imports of /inflow/%s", entry).isNotEmpty();
    return modules;
  }

  private String get(String path, boolean gzip) {
    HttpResponse<byte[]> r = send(path, gzip ? "gzip" : null);
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  private HttpResponse<byte[]> send(String path, String acceptEncoding) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path));
    if (acceptEncoding != null) {
      request.header("Accept-Encoding", acceptEncoding);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static byte[] gunzip(byte[] bytes) {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String source(String module) {
    try (InputStream in = WidgetAssets.class.getResourceAsStream("/dev/inflow/servlet/widget/" + module)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
