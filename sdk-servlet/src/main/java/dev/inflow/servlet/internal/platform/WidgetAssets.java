package dev.inflow.servlet.internal.platform;

import dev.inflow.servlet.internal.http.Exchange;
import dev.inflow.servlet.internal.http.Problems;
import dev.inflow.servlet.internal.http.Reply;
import dev.inflow.servlet.internal.http.Route.Access;
import dev.inflow.servlet.internal.http.Router;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * Serves the widget. An entry module, {@code /inflow/inflow.js} (every element) or one per element
 * ({@code /inflow/comments.js}, ...), is a few lines, revalidated often, that import the real code
 * from {@code /inflow/v/<content hash>/}, which is cached for a year: a new release changes the
 * hash, so browsers never run stale code and never fetch unchanged code twice. An entry imports
 * every module its element needs at once, so the browser fetches them in parallel rather than
 * finding them one import at a time.
 *
 * <p>The elements are the modules {@code inflow.js} imports. In production the modules are what
 * the build makes ({@code src/build/WidgetBuild.java}): for {@code /inflow/inflow.js} one minified
 * bundle of every element per language ({@code inflow-en.js}, {@code inflow-de.js}), of which the
 * entry imports the page's ({@code <html lang>}, else the browser's language, else English); for an
 * element's entry the minified chunks, one per element plus {@code common.js}. With the system
 * property {@value #SOURCES} set to {@code true} they are the readable sources of
 * {@code src/main/js}, for working on the widget. Either way the module graph is found at start-up
 * by following static imports. A module that another one loads on demand
 * ({@code import('./i18n-de.js')}, a language's messages) is served from the same versioned
 * directory but imported by no entry. Everything is also held gzipped and sent so to browsers that
 * accept it.
 *
 * <p>Immutable once built; safe for concurrent requests.
 */
public final class WidgetAssets {
  static final String ROOT = "/dev/inflow/servlet/widget/";
  static final String MINIFIED = ROOT + "min/";
  static final String ENTRY = "inflow.js";
  static final String BASE_LANGUAGE = "en";
  /** A language's messages, loaded on demand; each has an all-elements bundle of its own. */
  private static final Pattern TABLE = Pattern.compile("i18n-([a-z]{2,3})\\.js");
  /** The system property that, set to {@code true}, serves the readable sources instead of the minified build. */
  public static final String SOURCES = "inflow.widget.sources";
  private static final System.Logger LOG = System.getLogger(WidgetAssets.class.getName());
  private static final Pattern IMPORT = Pattern.compile("(?:import|export)\\s*(?:[^'\";]*?\\bfrom\\s*)?['\"]\\./([a-z0-9-]+\\.js)['\"]");
  /** A module loaded on demand, e.g. a language's messages: served beside the others, imported by no entry. */
  private static final Pattern LAZY = Pattern.compile("\\bimport\\(\\s*['\"]\\./([a-z0-9-]+\\.js)['\"]\\s*\\)");
  private static final String IMMUTABLE = "public, max-age=31536000, immutable";

  private record Asset(byte[] bytes, byte[] gzipped, String etag) {
    static Asset of(byte[] bytes) {
      String etag = HexFormat.of().formatHex(sha256().digest(bytes)).substring(0, 20);
      return new Asset(bytes, gzip(bytes), etag);
    }
  }

  private final boolean minified;
  private final List<String> elements;
  private final Map<String, Asset> modules = new LinkedHashMap<>();
  private final Map<String, List<String>> graphs = new LinkedHashMap<>();
  private final Map<String, Asset> entries = new LinkedHashMap<>();
  private final List<String> onDemand;
  private final Map<String, String> bundles = new LinkedHashMap<>();
  private final String version;

  private WidgetAssets(boolean sources) {
    this.elements = imports(read(ROOT + ENTRY));
    boolean built = elements.stream().allMatch(e -> WidgetAssets.class.getResource(MINIFIED + e) != null)
        && WidgetAssets.class.getResource(MINIFIED + bundle(BASE_LANGUAGE)) != null;
    if (!sources && !built) {
      LOG.log(Level.WARNING, "The minified widget is missing from the classpath (Maven builds it in the process-classes phase); "
          + "serving the readable sources");
    }
    this.minified = !sources && built;
    String dir = minified ? MINIFIED : ROOT;
    if (minified) {
      // The English bundle loads every other language's table on demand: those are the other bundles.
      List<String> languages = new ArrayList<>(List.of(BASE_LANGUAGE));
      Matcher table = LAZY.matcher(new String(read(MINIFIED + bundle(BASE_LANGUAGE)), StandardCharsets.UTF_8));
      while (table.find()) {
        Matcher language = TABLE.matcher(table.group(1));
        if (language.matches() && !languages.contains(language.group(1))) {
          languages.add(language.group(1));
        }
      }
      languages.forEach(language -> {
        List<String> graph = graph(dir, List.of(bundle(language)));
        if (graph.size() != 1) {
          throw new IllegalStateException("the widget bundle " + bundle(language) + " imports " + graph + "; it must be the whole widget");
        }
        bundles.put(language, bundle(language));
      });
      graphs.put(ENTRY, List.of(bundle(BASE_LANGUAGE)));
    } else {
      graphs.put(ENTRY, graph(dir, List.of(ENTRY)));
    }
    elements.forEach(e -> graphs.put(e, graph(dir, List.of(e))));
    // Only pages that need one fetch it (a page in German its messages), so no entry imports it.
    Set<String> lazy = new LinkedHashSet<>();
    for (String module : List.copyOf(modules.keySet())) {
      Matcher m = LAZY.matcher(new String(modules.get(module).bytes(), StandardCharsets.UTF_8));
      while (m.find()) {
        modules.computeIfAbsent(m.group(1), found -> Asset.of(read(dir + found)));
        lazy.add(m.group(1));
      }
    }
    this.onDemand = List.copyOf(lazy);
    MessageDigest all = sha256();
    modules.keySet().stream().sorted().forEach(name -> {
      all.update(name.getBytes(StandardCharsets.UTF_8));
      all.update(modules.get(name).bytes());
    });
    this.version = HexFormat.of().formatHex(all.digest()).substring(0, 16);
    graphs.forEach((entry, graph) -> {
      StringBuilder stub = new StringBuilder();
      if (entry.equals(ENTRY) && minified) {
        // The language rule of i18n.js for an element without a lang of its own: the page's, else the
        // browser's. An element in another language still works: it fetches its table on demand.
        stub.append("const b={");
        bundles.forEach((language, bundle) -> stub.append(language).append(":'./v/").append(version).append('/').append(bundle).append("',"));
        stub.setLength(stub.length() - 1);
        stub.append("},l=(document.documentElement.lang||navigator.language||'').toLowerCase().split('-')[0];\n")
            .append("import(Object.hasOwn(b,l)?b[l]:b.").append(BASE_LANGUAGE).append(");\n");
      } else {
        graph.forEach(module -> stub.append("import './v/").append(version).append('/').append(module).append("';\n"));
      }
      entries.put(entry, Asset.of(stub.toString().getBytes(StandardCharsets.UTF_8)));
    });
  }

  private static String bundle(String language) {
    return "inflow-" + language + ".js";
  }

  /**
   * @return the widget as this JVM serves it: minified unless the system property {@value #SOURCES}
   *     is {@code true} or the build did not make the minified chunks (then with a warning)
   */
  public static WidgetAssets load() {
    return new WidgetAssets(Boolean.getBoolean(SOURCES));
  }

  public static void register(Router router) {
    WidgetAssets assets = load();
    router.add("GET", "/{entry}.js", Access.PUBLIC, assets::entry)
        .add("GET", "/v/{version}/{file}", Access.PUBLIC, assets::versioned);
  }

  /** @return the content hash in the versioned URLs */
  public String version() {
    return version;
  }

  /** @return whether the minified build is served (else the readable sources) */
  public boolean minified() {
    return minified;
  }

  /** @return the element modules, e.g. {@code comments.js}; each is also an entry at {@code /inflow/<module>} */
  public List<String> elements() {
    return elements;
  }

  /**
   * @return the modules loaded on demand ({@code import('./i18n-de.js')}): served from the versioned
   *     directory like the others, but in no entry's {@link #modules}: the languages' messages, each
   *     fetched only by an element in a language other than the one built into its code
   */
  public List<String> onDemand() {
    return onDemand;
  }

  /**
   * @return the all-elements bundles by language ({@code de} → {@code inflow-de.js}), of which
   *     {@code /inflow/inflow.js} imports the page's; empty when the readable sources are served
   */
  public Map<String, String> bundles() {
    return java.util.Collections.unmodifiableMap(bundles);
  }

  /**
   * @param entry {@code inflow.js} or an element module
   * @return the modules a page that loads this entry downloads, in load order; for
   *     {@code inflow.js} in production, an English page's (see {@link #bundles()})
   */
  public List<String> modules(String entry) {
    List<String> graph = graphs.get(entry);
    if (graph == null) {
      throw new IllegalArgumentException("no widget entry " + entry + "; the entries are " + graphs.keySet());
    }
    return graph;
  }

  private Reply entry(Exchange ex) {
    Asset asset = entries.get(ex.path("entry") + ".js");
    if (asset == null) {
      return Problems.problem(404, "not-found", "Not found", "no such widget entry; the entries are " + graphs.keySet(), List.of());
    }
    return serve(ex, asset, "public, max-age=300");
  }

  private Reply versioned(Exchange ex) {
    Asset asset = modules.get(ex.path("file"));
    if (asset == null || !ex.path("version").equals(version)) {
      return Problems.problem(404, "not-found", "Not found", "no such widget file in this version", List.of());
    }
    return serve(ex, asset, IMMUTABLE);
  }

  private Reply serve(Exchange ex, Asset asset, String cacheControl) {
    boolean gzip = ex.header("Accept-Encoding").filter(WidgetAssets::acceptsGzip).isPresent();
    // The two encodings are different bytes, so they need different strong validators.
    String etag = "\"" + asset.etag() + (gzip ? "-gz" : "") + "\"";
    Reply reply;
    if (ex.header("If-None-Match").filter(etag::equals).isPresent()) {
      reply = new Reply(304, Map.of(), null, null, null);
    } else {
      reply = Reply.bytes(200, "text/javascript; charset=utf-8", gzip ? asset.gzipped() : asset.bytes());
      if (gzip) {
        reply = reply.header("Content-Encoding", "gzip");
      }
    }
    // Module scripts load in CORS mode; the code is public, so any page may load it.
    return reply.header("ETag", etag).header("Vary", "Accept-Encoding").header("Cache-Control", cacheControl)
        .header("Access-Control-Allow-Origin", "*");
  }

  /** @return whether an Accept-Encoding header allows gzip (named without q=0) */
  static boolean acceptsGzip(String acceptEncoding) {
    return Arrays.stream(acceptEncoding.split(",")).map(String::strip).anyMatch(coding -> {
      String[] parts = coding.split(";");
      String name = parts[0].strip();
      boolean refused = parts.length > 1 && parts[1].replace(" ", "").matches("q=0(\\.0*)?");
      return (name.equalsIgnoreCase("gzip") || name.equals("*")) && !refused;
    });
  }

  /** @return the modules reachable from the roots, each after the modules it imports; loads each into {@link #modules} */
  private List<String> graph(String dir, List<String> roots) {
    Set<String> done = new LinkedHashSet<>();
    roots.forEach(root -> visit(dir, root, done, new LinkedHashSet<>()));
    return List.copyOf(done);
  }

  private void visit(String dir, String module, Set<String> done, Set<String> path) {
    if (done.contains(module) || !path.add(module)) {
      return;
    }
    Asset asset = modules.computeIfAbsent(module, m -> Asset.of(read(dir + m)));
    imports(asset.bytes()).forEach(next -> visit(dir, next, done, path));
    done.add(module);
  }

  private static List<String> imports(byte[] module) {
    List<String> found = new ArrayList<>();
    Matcher m = IMPORT.matcher(new String(module, StandardCharsets.UTF_8));
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  private static byte[] read(String resource) {
    try (InputStream in = WidgetAssets.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("widget module " + resource + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
    try (GZIPOutputStream zip = new GZIPOutputStream(out) {
      {
        def.setLevel(9);
      }
    }) {
      zip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
