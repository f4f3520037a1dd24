package dev.inflow.servlet.internal.platform;

import dev.inflow.servlet.internal.http.Exchange;
import dev.inflow.servlet.internal.http.Problems;
import dev.inflow.servlet.internal.http.Reply;
import dev.inflow.servlet.internal.http.Route.Access;
import dev.inflow.servlet.internal.http.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves the widget. {@code /inflow/inflow.js} is a one-line module, revalidated often, that
 * imports the real code from {@code /inflow/v/<content hash>/}, which is cached for a year: a new
 * release changes the hash, so browsers never run stale code and never fetch unchanged code twice.
 *
 * <p>The module graph is found at start-up by following the static imports of the entry module.
 */
public final class WidgetAssets {
  static final String ROOT = "/dev/inflow/servlet/widget/";
  static final String ENTRY = "inflow.js";
  private static final Pattern IMPORT = Pattern.compile("(?:import|export)\\s*(?:[^'\";]*?\\sfrom\\s*)?['\"]\\./([a-z0-9-]+\\.js)['\"]");
  private static final String IMMUTABLE = "public, max-age=31536000, immutable";

  private record Asset(byte[] bytes, String etag) {}

  private final Map<String, Asset> modules = new LinkedHashMap<>();
  private final String version;
  private final Asset entry;

  WidgetAssets() {
    Deque<String> pending = new ArrayDeque<>(List.of(ENTRY));
    MessageDigest all = sha256();
    while (!pending.isEmpty()) {
      String name = pending.pop();
      if (modules.containsKey(name)) {
        continue;
      }
      byte[] bytes = read(name);
      modules.put(name, new Asset(bytes, etag(bytes)));
      all.update(name.getBytes(StandardCharsets.UTF_8));
      all.update(bytes);
      Matcher m = IMPORT.matcher(new String(bytes, StandardCharsets.UTF_8));
      while (m.find()) {
        pending.push(m.group(1));
      }
    }
    this.version = HexFormat.of().formatHex(all.digest()).substring(0, 16);
    byte[] stub = ("import './v/" + version + "/" + ENTRY + "';\n").getBytes(StandardCharsets.UTF_8);
    this.entry = new Asset(stub, etag(stub));
  }

  public static void register(Router router) {
    WidgetAssets assets = new WidgetAssets();
    router.add("GET", "/" + ENTRY, Access.PUBLIC, ex -> assets.serve(ex, assets.entry, "public, max-age=300"))
        .add("GET", "/v/{version}/{file}", Access.PUBLIC, assets::versioned);
  }

  /** @return the content hash in the versioned URLs */
  public String version() {
    return version;
  }

  private Reply versioned(Exchange ex) {
    Asset asset = modules.get(ex.path("file"));
    if (asset == null || !ex.path("version").equals(version)) {
      return Problems.problem(404, "not-found", "Not found", "no such widget file in this version", List.of());
    }
    return serve(ex, asset, IMMUTABLE);
  }

  private Reply serve(Exchange ex, Asset asset, String cacheControl) {
    Reply reply = ex.header("If-None-Match").filter(asset.etag()::equals).isPresent()
        ? new Reply(304, Map.of(), null, null, null)
        : Reply.bytes(200, "text/javascript; charset=utf-8", asset.bytes());
    // Module scripts load in CORS mode; the code is public, so any page may load it.
    return reply.header("ETag", asset.etag()).header("Cache-Control", cacheControl).header("Access-Control-Allow-Origin", "*");
  }

  private static byte[] read(String name) {
    try (InputStream in = WidgetAssets.class.getResourceAsStream(ROOT + name)) {
      if (in == null) {
        throw new IllegalStateException("widget module " + name + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String etag(byte[] bytes) {
    return "\"" + HexFormat.of().formatHex(sha256().digest(bytes)).substring(0, 20) + "\"";
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
