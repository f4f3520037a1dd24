package dev.inflow.servlet.server;

import dev.inflow.core.Inflow;
import dev.inflow.core.tenant.IssuedSecret;
import dev.inflow.core.tenant.SecretInfo;
import dev.inflow.core.tenant.Tenant;
import dev.inflow.core.tenant.Tenants;
import dev.inflow.core.transfer.ImportReport;
import dev.inflow.core.transfer.UrlMapping;
import dev.inflow.servlet.Settings;
import dev.inflow.servlet.SettingsException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The standalone server's commands for operators: tenants, their secrets and origins, imports
 * and exports. They work on the database of the settings directly, so they need no credential
 * beyond access to the server's configuration, and no running server.
 */
final class Cli {
  static final String USAGE = """
      Commands (same settings as the server, e.g. --config inflow.properties):
        tenants list                                    every tenant, its secrets (ids only) and origins
        tenants create ID [--name NAME] [--origin URL]...
                                                        a new tenant; prints its first token secret once
        tenants rotate-secret ID [--overlap 24h]        a new secret; the old ones stay valid for the overlap
        tenants origins ID [URL...] [--clear]           shows, or replaces, the origins allowed to embed the tenant
        export --tenant ID [--output FILE]              the tenant as JSON (default: to standard output)
        import inflow FILE --tenant ID                  a tenant export, into a tenant without comments
        import disqus FILE --tenant ID --map URL_PREFIX=KEY_TEMPLATE [--map ...]
        import wordpress FILE --tenant ID --map URL_PREFIX=KEY_TEMPLATE [--map ...]
                                                        comments from a Disqus export or a WordPress WXR file;
                                                        running it again adds only what is new. Templates use
                                                        {path}, {slug} and {id}, e.g. --map https://blog.example.com/=blog/{path}
      """;

  /** A command line that cannot be run; the message says what to type instead. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  private final PrintStream out;

  Cli(PrintStream out) {
    this.out = out;
  }

  /** @return whether the word names a command of this class */
  static boolean isCommand(String word) {
    return word.equals("tenants") || word.equals("export") || word.equals("import");
  }

  /**
   * Runs one command.
   *
   * @throws UsageException for a malformed command line
   * @throws SettingsException for bad settings
   * @throws dev.inflow.core.InflowException when the command fails (nothing was changed)
   */
  void run(Settings settings, List<String> args) throws IOException {
    Args a = new Args(args);
    String command = a.word("a command");
    try (Inflow inflow = settings.inflowBuilder().runBackgroundJobs(false).build()) {
      switch (command) {
        case "tenants" -> tenants(inflow, a, settings);
        case "export" -> export(inflow, a);
        case "import" -> importFile(inflow, a);
        default -> throw new UsageException("unknown command '" + command + "'; see --help");
      }
    }
  }

  private void tenants(Inflow inflow, Args a, Settings settings) {
    Tenants tenants = inflow.tenants();
    String sub = a.word("tenants list, create, rotate-secret or origins");
    switch (sub) {
      case "list" -> {
        a.done();
        for (Tenant t : tenants.list()) {
          print(t, settings);
        }
      }
      case "create" -> {
        String id = a.word("the tenant id, e.g. tenants create acme");
        String name = a.option("--name").orElse(null);
        List<String> origins = a.options("--origin");
        a.done();
        IssuedSecret secret = tenants.create(id, name, origins);
        out.println("Created tenant " + id + ".");
        printSecret(secret);
      }
      case "rotate-secret" -> {
        String id = a.word("the tenant id, e.g. tenants rotate-secret acme --overlap 24h");
        String overlap = a.option("--overlap").orElse("24h");
        a.done();
        IssuedSecret secret = tenants.rotateSecret(id, Tenants.parseDuration("--overlap", overlap));
        out.println("New token secret for tenant " + id + "; tokens signed with the previous secrets are accepted until "
            + secret.previousValidUntil().map(Object::toString).orElse("now") + ".");
        printSecret(secret);
      }
      case "origins" -> {
        String id = a.word("the tenant id, e.g. tenants origins acme https://portal.example.com");
        boolean clear = a.flag("--clear");
        List<String> origins = a.rest();
        Tenant t;
        if (clear || !origins.isEmpty()) {
          t = tenants.setAllowedOrigins(id, clear ? List.of() : origins);
        } else {
          t = tenants.find(id).orElseThrow(() -> new dev.inflow.core.NotFoundException("tenant '" + id + "'"));
        }
        out.println(t.allowedOrigins().isEmpty() ? "Tenant " + id + " allows no origins: only same-origin pages and backends."
            : "Tenant " + id + " allows pages on: " + String.join(" ", t.allowedOrigins()));
      }
      default -> throw new UsageException("unknown command 'tenants " + sub + "'; use tenants list, create, rotate-secret or origins");
    }
  }

  private void print(Tenant t, Settings settings) {
    List<String> secrets = new ArrayList<>();
    for (SecretInfo s : t.secrets()) {
      secrets.add(s.keyId() + s.expiresAt().map(e -> " (until " + e + ")").orElse(" (current)"));
    }
    if (t.id().equals(dev.inflow.core.Caller.DEFAULT_TENANT) && settings.tokenSecret().isPresent()) {
      secrets.add("INFLOW_TOKEN_SECRET");
    }
    out.println(t.id() + "  " + t.name());
    out.println("    secrets: " + (secrets.isEmpty() ? "none (tokens refused)" : String.join(", ", secrets)));
    out.println("    origins: " + (t.allowedOrigins().isEmpty() ? "none" : String.join(" ", t.allowedOrigins())));
  }

  private void printSecret(IssuedSecret secret) {
    out.println();
    out.println("  tenant (aud):  " + secret.tenantId());
    out.println("  key id:        " + secret.keyId());
    out.println("  token secret:  " + secret.secret());
    out.println();
    out.println("This is the only time the secret is shown. Give it to the application that signs its users' tokens (HS256).");
  }

  private void export(Inflow inflow, Args a) throws IOException {
    String tenant = a.required("--tenant");
    Optional<String> output = a.option("--output");
    a.done();
    if (output.isPresent()) {
      Path file = Path.of(output.get());
      try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(file))) {
        inflow.transfers().exportTenant(tenant, o);
      }
      out.println("Exported tenant " + tenant + " to " + file.toAbsolutePath() + " (" + Files.size(file) + " bytes).");
    } else {
      OutputStream o = new BufferedOutputStream(out);
      inflow.transfers().exportTenant(tenant, o);
      o.flush();
      out.println();
    }
  }

  private void importFile(Inflow inflow, Args a) throws IOException {
    String format = a.word("the format: import disqus, wordpress or inflow");
    Path file = Path.of(a.word("the file to import"));
    String tenant = a.required("--tenant");
    List<String> rules = a.options("--map");
    a.done();
    if (!format.equals("inflow") && rules.isEmpty()) {
      throw new UsageException("import " + format + " needs --map URL_PREFIX=KEY_TEMPLATE, e.g. --map https://blog.example.com/=blog/{path}");
    }
    ImportReport report;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      report = switch (format) {
        case "inflow" -> inflow.transfers().importTenant(tenant, in);
        case "disqus" -> inflow.transfers().importDisqus(tenant, in, UrlMapping.parse("--map", rules));
        case "wordpress" -> inflow.transfers().importWordPress(tenant, in, UrlMapping.parse("--map", rules));
        default -> throw new UsageException("unknown format '" + format + "'; use import disqus, wordpress or inflow");
      };
    } catch (NoSuchFileException e) {
      throw new UsageException("no such file: " + file);
    }
    out.println("Imported " + report.imported() + " comments into tenant " + tenant
        + (report.alreadyImported() > 0 ? "; " + report.alreadyImported() + " were imported before" : "") + ".");
    if (!report.rows().isEmpty()) {
      report.rows().forEach((table, n) -> out.println("  " + table + ": " + n + " rows"));
    }
    if (!report.targets().isEmpty()) {
      out.println("Targets: " + String.join(" ", report.targets()));
    }
    for (Map.Entry<String, Integer> skip : report.skipped().entrySet()) {
      out.println("Left out: " + skip.getValue() + " (" + skip.getKey() + ")");
    }
    if (!report.unmappedUrls().isEmpty()) {
      out.println("No --map rule matched these pages: " + String.join(" ", report.unmappedUrls()));
    }
  }

  /** The words of a command line, taken from the front. */
  private static final class Args {
    private final List<String> words;

    Args(List<String> words) {
      this.words = new ArrayList<>(words);
    }

    String word(String what) {
      for (int i = 0; i < words.size(); i++) {
        if (!words.get(i).startsWith("--")) {
          return words.remove(i);
        }
        i++;
      }
      throw new UsageException("missing " + what);
    }

    Optional<String> option(String name) {
      int i = words.indexOf(name);
      if (i < 0) {
        return Optional.empty();
      }
      if (i + 1 >= words.size()) {
        throw new UsageException(name + " needs a value");
      }
      words.remove(i);
      return Optional.of(words.remove(i));
    }

    List<String> options(String name) {
      List<String> values = new ArrayList<>();
      for (Optional<String> v = option(name); v.isPresent(); v = option(name)) {
        values.add(v.get());
      }
      return values;
    }

    String required(String name) {
      return option(name).orElseThrow(() -> new UsageException("missing " + name + " ID"));
    }

    boolean flag(String name) {
      return words.remove(name);
    }

    List<String> rest() {
      List<String> rest = new ArrayList<>(words);
      words.clear();
      for (String w : rest) {
        if (w.startsWith("--")) {
          throw new UsageException("unknown option " + w + "; see --help");
        }
      }
      return rest;
    }

    void done() {
      if (!words.isEmpty()) {
        throw new UsageException("unexpected '" + words.get(0) + "'; see --help");
      }
    }
  }
}
