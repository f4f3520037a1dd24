import com.google.javascript.jscomp.CommandLineRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Minifies the widget for production, run by Maven in the {@code process-classes} phase as a
 * single-file Java program
 * ({@code java -cp closure-compiler.jar WidgetBuild.java <js dir> <out dir> <work dir>}),
 * so that the build needs nothing but Maven Central.
 *
 * <p>The elements are the modules that {@code inflow.js} imports. Each becomes one ES-module chunk
 * named like its source ({@code comments.js}); the code they share goes into {@code common.js},
 * and a module only one element uses stays in that element's chunk. Every chunk imports what it
 * needs from the others, so a page can load one element alone or all of them, and the shared code
 * is downloaded once. Closure Compiler runs with SIMPLE optimisations: it renames local names and
 * drops whitespace and dead code, but keeps property names, which the API's JSON and the DOM need.
 * Before it, the stylesheets lose their line breaks (Closure leaves string contents alone).
 *
 * <p>A module that another loads on demand ({@code import('./i18n-de.js')}: a language's messages)
 * is in no chunk: it is minified on its own into a file named like its source, which the server
 * serves beside the chunks, and only the pages that need it fetch it. The chunks have English built
 * in: there the {@code import('./i18n-en.js')} becomes the table itself.
 *
 * <p>The all-elements entry is smaller as one file than as chunks (gzip compresses the whole widget
 * better than its parts), so it is also built as one bundle per language, {@code inflow-en.js},
 * {@code inflow-de.js}, ...: every module {@code inflow.js} reaches, with that language's table
 * built in and the others still loaded on demand. The server's {@code /inflow/inflow.js} picks the
 * bundle by the page's language.
 *
 * <p>Closure is not run again while the sources and the chunk plan are unchanged since the last run.
 */
public final class WidgetBuild {
  /** The same static-import rule the server follows (WidgetAssets). */
  private static final Pattern IMPORT = Pattern.compile("(?:import|export)\\s*(?:[^'\";]*?\\bfrom\\s*)?['\"]\\./([a-z0-9-]+\\.js)['\"]");
  /** A module loaded on demand ({@code import('./x.js')}, e.g. a language's messages): minified alone, in no chunk. */
  private static final Pattern LAZY = Pattern.compile("\\bimport\\(\\s*['\"]\\./([a-z0-9-]+\\.js)['\"]\\s*\\)");
  private static final Pattern LAZY_EXPORT = Pattern.compile("^export default ", Pattern.MULTILINE);
  private static final String LAZY_GLOBAL = "globalThis.inflowLazyModule=";
  /** A stylesheet: a template literal after {@code sheet(} or a {@code /* css *}{@code /} mark, up to its closing backtick. */
  private static final Pattern CSS = Pattern.compile("(sheet\\(`|/\\* css \\*/ *`)([^`]*)(?=`)");
  /** Changes whenever this program makes different output from the same sources, so that old output is not reused. */
  private static final String RECIPE = "css-lines,lazy-modules,language-bundles";
  static final String ENTRY = "inflow.js";
  static final String COMMON = "common";
  /** A language's messages, a module loaded on demand: {@code i18n-de.js}. */
  private static final Pattern TABLE = Pattern.compile("i18n-([a-z]{2,3})\\.js");
  static final String BASE_LANGUAGE = "en";

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      throw new IllegalArgumentException("usage: java -cp closure-compiler.jar WidgetBuild.java <widget sources> <output directory> <work directory>");
    }
    Path sources = Path.of(args[0]);
    Path out = Path.of(args[1]);
    Path stampFile = Path.of(args[2], "widget.inputs");
    Map<String, List<String>> imports = new LinkedHashMap<>();
    read(sources, ENTRY, imports);
    Set<String> lazy = new LinkedHashSet<>();
    for (String module : imports.keySet()) {
      Matcher m = LAZY.matcher(Files.readString(sources.resolve(module)));
      while (m.find()) {
        lazy.add(m.group(1));
      }
    }
    for (String module : lazy) {
      read(sources, module, imports);
      if (!imports.get(module).isEmpty()) {
        throw new IllegalStateException(module + " is loaded on demand, so it must import nothing");
      }
    }
    List<String> elements = imports.get(ENTRY);
    if (elements.isEmpty()) {
      throw new IllegalStateException(ENTRY + " imports no element module");
    }

    // Which elements reach each module: one element keeps it, several share it through common.js.
    Map<String, Set<String>> users = new LinkedHashMap<>();
    for (String element : elements) {
      for (String module : closure(element, imports)) {
        users.computeIfAbsent(module, m -> new LinkedHashSet<>()).add(element);
      }
    }
    Map<String, List<String>> chunks = new LinkedHashMap<>();
    chunks.put(COMMON, new ArrayList<>());
    elements.forEach(e -> chunks.put(chunkName(e), new ArrayList<>()));
    for (String module : order(elements, imports)) {
      Set<String> by = users.get(module);
      String chunk = elements.contains(module) ? chunkName(module) : by.size() == 1 ? chunkName(by.iterator().next()) : COMMON;
      chunks.get(chunk).add(module);
    }
    // While there is one element, nothing is shared: its chunk holds everything.
    boolean shared = !chunks.get(COMMON).isEmpty();
    if (!shared) {
      chunks.remove(COMMON);
    }

    // Closure keeps string contents as they are: the stylesheets lose their line breaks here. The
    // single elements' chunks have English built in: a page that loads one element alone in
    // English (the common case) fetches no table.
    Map<String, String> css = new LinkedHashMap<>();
    for (String module : imports.keySet()) {
      css.put(module, minifyCss(Files.readString(sources.resolve(module))));
    }
    Path prepared = Path.of(args[2], "src");
    Files.createDirectories(prepared);
    for (String module : imports.keySet()) {
      Files.writeString(prepared.resolve(module), buildIn(css.get(module), table(BASE_LANGUAGE), sources));
    }

    List<String> flags = chunkFlags(out);
    for (Map.Entry<String, List<String>> chunk : chunks.entrySet()) {
      for (String module : chunk.getValue()) {
        flags.add("--js");
        flags.add(prepared.resolve(module).toString());
      }
      Set<String> deps = new LinkedHashSet<>();
      if (shared && !chunk.getKey().equals(COMMON)) {
        deps.add(COMMON);
        for (String module : chunk.getValue()) {
          closure(module, imports).stream().filter(m -> elements.contains(m) && !chunk.getValue().contains(m))
              .forEach(m -> deps.add(chunkName(m)));
        }
      }
      flags.add("--chunk");
      flags.add(chunk.getKey() + ":" + chunk.getValue().size() + (deps.isEmpty() ? "" : ":" + String.join(",", deps)));
    }
    // The all-elements entry: one file per language, with that language's messages built in.
    List<String> languages = new ArrayList<>();
    for (String module : lazy) {
      Matcher table = TABLE.matcher(module);
      if (table.matches()) {
        languages.add(table.group(1));
      }
    }
    if (!languages.contains(BASE_LANGUAGE)) {
      throw new IllegalStateException("the widget loads no " + table(BASE_LANGUAGE) + " on demand; every language's messages must be a module of their own");
    }
    List<String> all = order(List.of(ENTRY), imports);
    Map<String, List<String>> bundleFlags = new LinkedHashMap<>();
    for (String language : languages) {
      Path dir = Path.of(args[2], "src-" + language);
      Files.createDirectories(dir);
      List<String> bundle = chunkFlags(out);
      for (String module : all) {
        Files.writeString(dir.resolve(module), buildIn(css.get(module), table(language), sources));
        bundle.add("--js");
        bundle.add(dir.resolve(module).toString());
      }
      bundle.add("--chunk");
      bundle.add(bundleName(language) + ":" + all.size());
      bundleFlags.put(language, bundle);
    }

    List<String> everything = new ArrayList<>(flags);
    bundleFlags.values().forEach(everything::addAll);
    String stamp = stamp(sources, imports.keySet(), everything);
    Set<String> outputs = new LinkedHashSet<>();
    chunks.keySet().forEach(c -> outputs.add(c + ".js"));
    languages.forEach(l -> outputs.add(bundleName(l) + ".js"));
    outputs.addAll(lazy);
    if (Files.isRegularFile(stampFile) && Files.readString(stampFile).equals(stamp)
        && outputs.stream().allMatch(f -> Files.isRegularFile(out.resolve(f)))) {
      System.out.println("WidgetBuild: the minified widget is up to date");
      return;
    }
    deleteOutputs(out);
    Files.createDirectories(out);
    int status = new Closure(flags.toArray(String[]::new)).compile();
    if (status != 0) {
      throw new IllegalStateException("Closure Compiler failed (status " + status + ") on the widget in " + sources);
    }
    for (Map.Entry<String, List<String>> bundle : bundleFlags.entrySet()) {
      status = new Closure(bundle.getValue().toArray(String[]::new)).compile();
      if (status != 0) {
        throw new IllegalStateException("Closure Compiler failed (status " + status + ") on the " + bundle.getKey() + " bundle in " + sources);
      }
      if (Files.readString(out.resolve(bundleName(bundle.getKey()) + ".js")).matches("(?s).*\\bimport\\s*[{'\"*].*")) {
        throw new IllegalStateException("the " + bundle.getKey() + " bundle imports another module; it must be the whole widget");
      }
    }
    for (String module : lazy) {
      minifyLazy(sources.resolve(module), out.resolve(module), stampFile.resolveSibling(module));
    }
    Files.writeString(stampFile, stamp);
    for (String output : outputs) {
      Path file = out.resolve(output);
      System.out.printf("WidgetBuild: %s %,d bytes%n", out.relativize(file), Files.size(file));
    }
  }

  /**
   * Minifies a module loaded on demand, which is one {@code export default} of a value (a
   * language's messages). Closure drops the exports of a module nothing in the compilation imports,
   * so the value is compiled as the assignment of a global and turned back into the export.
   */
  private static void minifyLazy(Path source, Path target, Path work) throws IOException {
    String code = Files.readString(source);
    Matcher export = LAZY_EXPORT.matcher(code);
    if (!export.find() || code.indexOf("export ", export.end()) >= 0 || code.contains("import ")) {
      throw new IllegalStateException(source + " is loaded on demand: it must be one 'export default' of a value, importing nothing");
    }
    Files.writeString(work, code.substring(0, export.start()) + LAZY_GLOBAL + code.substring(export.end()));
    int status = new Closure(new String[] {"--compilation_level", "SIMPLE", "--language_in", "UNSTABLE", "--language_out", "NO_TRANSPILE",
        "--js", work.toString(), "--js_output_file", target.toString()}).compile();
    String minified = Files.readString(target);
    if (status != 0 || !minified.startsWith(LAZY_GLOBAL)) {
      throw new IllegalStateException("Closure Compiler failed (status " + status + ") on " + source);
    }
    Files.writeString(target, "export default " + minified.substring(LAZY_GLOBAL.length()));
  }

  /**
   * Takes the line breaks and indentation out of the stylesheets: the template literals passed to
   * {@code sheet(...)} or marked {@code /* css *}{@code /}. A break after {@code ; { } ,} or
   * before {@code }} goes; any other becomes one space, which CSS may need (a descendant selector).
   */
  static String minifyCss(String js) {
    Matcher m = CSS.matcher(js);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      StringBuilder css = new StringBuilder();
      for (String line : m.group(2).split("\\s*\n\\s*")) {
        if (!css.isEmpty() && !line.isEmpty() && ";{},".indexOf(css.charAt(css.length() - 1)) < 0 && line.charAt(0) != '}') {
          css.append(' ');
        }
        css.append(line);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + css));
    }
    return m.appendTail(out).toString();
  }

  /** @return Closure's flags for ES-module chunks written to {@code out}, before the sources and chunks */
  private static List<String> chunkFlags(Path out) {
    return new ArrayList<>(List.of(
        "--compilation_level", "SIMPLE",
        "--language_in", "UNSTABLE",
        "--language_out", "NO_TRANSPILE",
        "--chunk_output_type", "ES_MODULES",
        "--jscomp_error", "checkVars",
        // import('./x.js') of a module loaded on demand stays as written: that module is minified on its own.
        "--jscomp_off", "moduleLoad",
        "--chunk_output_path_prefix", out + "/"));
  }

  /** @return the module of a language's messages: {@code i18n-de.js} */
  static String table(String language) {
    return "i18n-" + language + ".js";
  }

  /** @return the all-elements bundle of a language, without ".js": {@code inflow-de} */
  static String bundleName(String language) {
    return "inflow-" + language;
  }

  /**
   * Puts a language's table into the module that loads it on demand: {@code import('./i18n-de.js')}
   * becomes a promise of the same module namespace, {@code {default: {...}}}, so that the bundle of
   * that language fetches nothing more and the loading code stays as it is.
   */
  static String buildIn(String code, String table, Path sources) throws IOException {
    Matcher call = Pattern.compile("\\bimport\\(\\s*['\"]\\./" + Pattern.quote(table) + "['\"]\\s*\\)").matcher(code);
    if (!call.find()) {
      return code;
    }
    String source = Files.readString(sources.resolve(table));
    Matcher export = LAZY_EXPORT.matcher(source);
    if (!export.find()) {
      throw new IllegalStateException(table + " is loaded on demand: it must be one 'export default' of a value");
    }
    String value = source.substring(export.end()).strip().replaceAll(";$", "");
    return code.substring(0, call.start()) + "Promise.resolve({default: " + value + "})" + code.substring(call.end());
  }

  /** The chunk of an element: named like its source module, without ".js". */
  private static String chunkName(String module) {
    return module.substring(0, module.length() - ".js".length());
  }

  /** Reads a module and everything it imports into {@code imports} (module → the modules it imports). */
  private static void read(Path sources, String module, Map<String, List<String>> imports) throws IOException {
    if (imports.containsKey(module)) {
      return;
    }
    Path file = sources.resolve(module);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("the widget imports " + module + ", which is not in " + sources);
    }
    List<String> found = new ArrayList<>();
    Matcher m = IMPORT.matcher(Files.readString(file));
    while (m.find()) {
      found.add(m.group(1));
    }
    imports.put(module, found);
    for (String next : found) {
      read(sources, next, imports);
    }
  }

  /** @return the module and everything it imports, directly or not */
  private static Set<String> closure(String module, Map<String, List<String>> imports) {
    Set<String> seen = new LinkedHashSet<>();
    List<String> todo = new ArrayList<>(List.of(module));
    while (!todo.isEmpty()) {
      String next = todo.remove(todo.size() - 1);
      if (seen.add(next)) {
        todo.addAll(imports.get(next));
      }
    }
    return seen;
  }

  /** @return every module the elements reach, each after the modules it imports (Closure wants that order) */
  private static List<String> order(List<String> roots, Map<String, List<String>> imports) {
    Set<String> done = new LinkedHashSet<>();
    roots.forEach(r -> visit(r, imports, done, new LinkedHashSet<>()));
    return new ArrayList<>(done);
  }

  private static void visit(String module, Map<String, List<String>> imports, Set<String> done, Set<String> path) {
    if (done.contains(module) || !path.add(module)) {
      return; // an import cycle is fine for ES modules; the order inside it does not matter here
    }
    imports.get(module).forEach(next -> visit(next, imports, done, path));
    done.add(module);
  }

  /** @return a digest of the sources and of how Closure is asked to compile them */
  private static String stamp(Path sources, Set<String> modules, List<String> flags) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update((RECIPE + " " + String.join(" ", flags)).getBytes(StandardCharsets.UTF_8));
      for (String module : modules.stream().sorted().toList()) {
        digest.update(module.getBytes(StandardCharsets.UTF_8));
        digest.update(Files.readAllBytes(sources.resolve(module)));
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  private static void deleteOutputs(Path out) throws IOException {
    if (!Files.isDirectory(out)) {
      return;
    }
    try (Stream<Path> files = Files.list(out)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
  }

  /** Closure's command-line runner, called in this JVM rather than through its System.exit. */
  private static final class Closure extends CommandLineRunner {
    Closure(String[] args) {
      super(args);
    }

    int compile() throws IOException {
      if (!shouldRunCompiler()) {
        return 1;
      }
      return doRun();
    }
  }
}
