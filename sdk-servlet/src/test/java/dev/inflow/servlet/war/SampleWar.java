package dev.inflow.servlet.war;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A small intranet WAR as a host would build it: a page with the widget, a login servlet of its
 * own, and {@code sdk-servlet} with its dependencies in {@code WEB-INF/lib}, configured only by
 * context parameters in {@code web.xml}. Built from this build's classes (the jars are zipped
 * from {@code target/classes}), exploded into a directory that containers deploy as they would
 * the {@code .war}.
 */
public final class SampleWar {
  private SampleWar() {}

  /**
   * @param contextParameters e.g. {@code inflow.jdbc.url}
   * @return the exploded WAR
   */
  public static Path build(Path dir, Map<String, String> contextParameters) {
    try {
      Path lib = Files.createDirectories(dir.resolve("WEB-INF/lib"));
      jar(Path.of("target/classes"), lib.resolve("sdk-servlet.jar"));
      for (String entry : Files.readString(Path.of("target/war-libraries.txt")).strip().split(java.io.File.pathSeparator)) {
        Path p = Path.of(entry);
        if (Files.isDirectory(p)) {
          jar(p, lib.resolve(p.getParent().getParent().getFileName() + ".jar"));
        } else {
          Files.copy(p, lib.resolve(p.getFileName()));
        }
      }
      Path login = Path.of("target/test-classes/dev/inflow/servlet/war/WarLogin.class");
      Path classes = Files.createDirectories(dir.resolve("WEB-INF/classes/dev/inflow/servlet/war"));
      Files.copy(login, classes.resolve("WarLogin.class"));
      StringBuilder params = new StringBuilder();
      contextParameters.forEach((name, value) -> params.append("""
            <context-param>
              <param-name>%s</param-name>
              <param-value>%s</param-value>
            </context-param>
          """.formatted(name, value.replace("&", "&amp;").replace("<", "&lt;"))));
      Files.writeString(dir.resolve("WEB-INF/web.xml"), """
          <?xml version="1.0" encoding="UTF-8"?>
          <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
            <display-name>Intranet</display-name>
          %s</web-app>
          """.formatted(params), StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("index.html"), """
          <!doctype html>
          <html lang="en">
          <head><meta charset="utf-8"><title>Expense policy · Intranet</title><link rel="icon" href="data:,">
          <script type="module" src="inflow/inflow.js"></script>
          <style>body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;color:#1f2933}
          header{border-bottom:1px solid #d9e2ec;margin-bottom:1.5rem}</style></head>
          <body><header><p>Intranet · a plain WAR in a servlet container</p></header>
          <main><h1>Expense policy</h1>
          <p>Receipts are due within 30 days of the trip. Photos of receipts are fine.</p>
          <inflow-comments target="policies/expenses" title="Expense policy"></inflow-comments></main>
          </body></html>
          """, StandardCharsets.UTF_8);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs the sample WAR in Tomcat until the process is stopped, for {@code scripts/screenshots.sh}
   * (run from {@code sdk-servlet/} on its test class path): {@code SampleWar <port> <jdbc-url>}.
   * Sign in at {@code /intranet/login?user=ana&name=Ana%20Lima}.
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: SampleWar <port> <jdbc-url>");
      System.exit(2);
    }
    Path war = build(Files.createTempDirectory("inflow-sample-war"), Map.of("inflow.jdbc.url", args[1]));
    WarDeploymentTest.Deployed app = WarDeploymentTest.tomcat(war, Integer.parseInt(args[0]));
    System.out.println("SampleWar: http://localhost:" + app.port() + "/intranet/");
    Thread.currentThread().join();
  }

  private static void jar(Path classes, Path jar) throws IOException {
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out); Stream<Path> files = Files.walk(classes)) {
      for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
        zip.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
        Files.copy(p, zip);
        zip.closeEntry();
      }
    }
  }
}
