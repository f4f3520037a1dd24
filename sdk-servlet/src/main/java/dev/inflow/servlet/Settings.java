package dev.inflow.servlet;

import dev.inflow.core.Inflow;
import dev.inflow.core.Limits;
import dev.inflow.core.notification.SmtpNotifier;
import dev.inflow.core.xapi.XapiSettings;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The settings of the standalone server, the demo and the {@code web-fragment.xml} registration,
 * by their environment variable names ({@code INFLOW_PORT}, ...). Each is read from, in order of
 * precedence: a system property ({@code -Dinflow.port=...}), the config file, then the environment.
 * In a servlet container, context parameters ({@code inflow.port}) come first.
 *
 * @param port HTTP port of the standalone server ({@code INFLOW_PORT}, default 8080)
 * @param jdbcUrl database ({@code INFLOW_JDBC_URL}, default H2 files under {@code ./data})
 * @param jdbcUser database user ({@code INFLOW_JDBC_USER})
 * @param jdbcPassword database password ({@code INFLOW_JDBC_PASSWORD})
 * @param tokenSecret secret signing user tokens of the default tenant ({@code INFLOW_TOKEN_SECRET})
 * @param allowedOrigins origins whose pages may use the API ({@code INFLOW_ALLOWED_ORIGINS}, comma-separated)
 * @param xapiEndpoint the LRS base URL ({@code INFLOW_XAPI_ENDPOINT})
 * @param xapiUsername LRS basic-auth user ({@code INFLOW_XAPI_USERNAME})
 * @param xapiPassword LRS basic-auth password ({@code INFLOW_XAPI_PASSWORD})
 * @param limits rate limits ({@code INFLOW_RATE_LIMITS}, e.g. {@code user-writes=30,user-reads=1200})
 * @param operatorSecret credential of the operator API that manages tenants ({@code INFLOW_OPERATOR_SECRET})
 * @param smtp the mail server notifications are e-mailed through ({@code INFLOW_SMTP_HOST}, {@code _PORT},
 *     {@code _FROM}, {@code _USERNAME}, {@code _PASSWORD}, {@code _STARTTLS}); empty: no e-mail
 */
public record Settings(
    int port,
    String jdbcUrl,
    Optional<String> jdbcUser,
    Optional<String> jdbcPassword,
    Optional<String> tokenSecret,
    List<String> allowedOrigins,
    Optional<URI> xapiEndpoint,
    Optional<String> xapiUsername,
    Optional<String> xapiPassword,
    Limits limits,
    Optional<String> operatorSecret,
    Optional<SmtpNotifier> smtp) {

  /** Where a setting comes from: a lookup by environment variable name. */
  @FunctionalInterface
  public interface Source {
    Optional<String> get(String name);

    /** @return this source, falling back to another where this one has no value */
    default Source orElse(Source fallback) {
      return name -> get(name).or(() -> fallback.get(name));
    }

    /** @return the process environment */
    static Source environment() {
      return name -> Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
    }

    /** @return system properties, by the dotted lower-case name ({@code INFLOW_JDBC_URL} → {@code inflow.jdbc.url}) */
    static Source systemProperties() {
      return name -> Optional.ofNullable(System.getProperty(dotted(name))).filter(v -> !v.isBlank());
    }

    /** @return the values in a map, under either the variable or the dotted name */
    static Source of(Map<String, String> values) {
      return name -> Optional.ofNullable(values.get(name)).or(() -> Optional.ofNullable(values.get(dotted(name)))).filter(v -> !v.isBlank());
    }

    /**
     * @return a Java properties file, keys by either name
     * @throws SettingsException when the file cannot be read
     */
    static Source file(Path path) {
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
        properties.load(reader);
      } catch (IOException e) {
        throw new SettingsException("cannot read the config file " + path + ": " + e.getMessage());
      }
      return name -> Optional.ofNullable(properties.getProperty(name)).or(() -> Optional.ofNullable(properties.getProperty(dotted(name))))
          .map(String::strip).filter(v -> !v.isEmpty());
    }

    /** @return system properties, then the config file (if any), then the environment */
    static Source standard(Optional<Path> configFile) {
      Source source = systemProperties();
      if (configFile.isPresent()) {
        source = source.orElse(file(configFile.get()));
      }
      return source.orElse(environment());
    }
  }

  /** Every setting, for {@code --help} and the README. */
  public static final List<String> NAMES = List.of("INFLOW_PORT", "INFLOW_JDBC_URL", "INFLOW_JDBC_USER", "INFLOW_JDBC_PASSWORD",
      "INFLOW_TOKEN_SECRET", "INFLOW_ALLOWED_ORIGINS", "INFLOW_XAPI_ENDPOINT", "INFLOW_XAPI_USERNAME", "INFLOW_XAPI_PASSWORD",
      "INFLOW_RATE_LIMITS", "INFLOW_OPERATOR_SECRET", "INFLOW_SMTP_HOST", "INFLOW_SMTP_PORT", "INFLOW_SMTP_FROM", "INFLOW_SMTP_USERNAME",
      "INFLOW_SMTP_PASSWORD", "INFLOW_SMTP_STARTTLS");

  /**
   * @throws SettingsException naming the first setting that is wrong and what would be right
   */
  public static Settings load(Source source) {
    int port = source.get("INFLOW_PORT").map(Settings::port).orElse(8080);
    String jdbcUrl = source.get("INFLOW_JDBC_URL").orElse(Inflow.DEFAULT_JDBC_URL).strip();
    if (!jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new SettingsException("INFLOW_JDBC_URL must start with jdbc:h2: or jdbc:postgresql: (got '" + jdbcUrl.split("[?;]")[0] + "')");
    }
    Optional<String> secret = source.get("INFLOW_TOKEN_SECRET");
    if (secret.isPresent() && secret.get().getBytes(StandardCharsets.UTF_8).length < TenantKeys.MIN_SECRET_BYTES) {
      throw new SettingsException("INFLOW_TOKEN_SECRET must be at least " + TenantKeys.MIN_SECRET_BYTES
          + " characters; generate one with: openssl rand -base64 48");
    }
    List<String> origins = new ArrayList<>();
    for (String origin : source.get("INFLOW_ALLOWED_ORIGINS").map(v -> v.split(",")).map(Arrays::asList).orElse(List.of())) {
      String o = origin.strip();
      if (o.isEmpty()) {
        continue;
      }
      if (!o.equals("*") && !o.matches("https?://[^/\\s]+/?")) {
        throw new SettingsException("INFLOW_ALLOWED_ORIGINS lists origins like https://portal.example.com, comma-separated (got '" + o + "')");
      }
      origins.add(o);
    }
    Optional<URI> xapi = source.get("INFLOW_XAPI_ENDPOINT").map(Settings::xapiEndpoint);
    Optional<String> xapiUser = source.get("INFLOW_XAPI_USERNAME");
    Optional<String> xapiPassword = source.get("INFLOW_XAPI_PASSWORD");
    if (xapiUser.isPresent() != xapiPassword.isPresent()) {
      throw new SettingsException("set both INFLOW_XAPI_USERNAME and INFLOW_XAPI_PASSWORD, or neither");
    }
    if (xapi.isEmpty() && xapiUser.isPresent()) {
      throw new SettingsException("INFLOW_XAPI_USERNAME is set but INFLOW_XAPI_ENDPOINT is not; set the LRS endpoint too");
    }
    Limits limits = source.get("INFLOW_RATE_LIMITS").map(Settings::limits).orElse(Limits.defaults());
    Optional<String> operatorSecret = source.get("INFLOW_OPERATOR_SECRET");
    if (operatorSecret.isPresent() && operatorSecret.get().getBytes(StandardCharsets.UTF_8).length < TenantKeys.MIN_SECRET_BYTES) {
      throw new SettingsException("INFLOW_OPERATOR_SECRET must be at least " + TenantKeys.MIN_SECRET_BYTES
          + " characters; generate one with: openssl rand -base64 48");
    }
    return new Settings(port, jdbcUrl, source.get("INFLOW_JDBC_USER"), source.get("INFLOW_JDBC_PASSWORD"), secret, List.copyOf(origins),
        xapi, xapiUser, xapiPassword, limits, operatorSecret, smtp(source));
  }

  private static Optional<SmtpNotifier> smtp(Source source) {
    Optional<String> host = source.get("INFLOW_SMTP_HOST").map(String::strip);
    Optional<String> user = source.get("INFLOW_SMTP_USERNAME");
    Optional<String> password = source.get("INFLOW_SMTP_PASSWORD");
    if (host.isEmpty()) {
      for (String other : List.of("INFLOW_SMTP_PORT", "INFLOW_SMTP_FROM", "INFLOW_SMTP_USERNAME", "INFLOW_SMTP_PASSWORD", "INFLOW_SMTP_STARTTLS")) {
        if (source.get(other).isPresent()) {
          throw new SettingsException(other + " is set but INFLOW_SMTP_HOST is not; set the mail server too");
        }
      }
      return Optional.empty();
    }
    if (user.isPresent() != password.isPresent()) {
      throw new SettingsException("set both INFLOW_SMTP_USERNAME and INFLOW_SMTP_PASSWORD, or neither");
    }
    String from = source.get("INFLOW_SMTP_FROM").orElseThrow(() ->
        new SettingsException("INFLOW_SMTP_FROM is needed with INFLOW_SMTP_HOST: the sender address, e.g. inflow@example.com"));
    try {
      SmtpNotifier.Builder builder = SmtpNotifier.builder(host.get(), from.strip());
      source.get("INFLOW_SMTP_PORT").ifPresent(port -> builder.port(smtpPort(port)));
      source.get("INFLOW_SMTP_STARTTLS").ifPresent(value -> builder.startTls(switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
        case "true", "yes", "1" -> true;
        case "false", "no", "0" -> false;
        default -> throw new SettingsException("INFLOW_SMTP_STARTTLS is true or false (got '" + value + "')");
      }));
      if (user.isPresent()) {
        builder.credentials(user.get(), password.get());
      }
      return Optional.of(builder.build());
    } catch (IllegalArgumentException e) {
      throw new SettingsException("INFLOW_SMTP_HOST or INFLOW_SMTP_FROM: " + e.getMessage());
    }
  }

  private static int smtpPort(String value) {
    try {
      int port = Integer.parseInt(value.strip());
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new SettingsException("INFLOW_SMTP_PORT must be a number from 1 to 65535 (got '" + value + "')");
  }

  /** @return an Inflow builder with the database, limits, Learning Record Store and mail server of these settings */
  public Inflow.Builder inflowBuilder() {
    Inflow.Builder builder = Inflow.builder().jdbcUrl(jdbcUrl).jdbcCredentials(jdbcUser.orElse(null), jdbcPassword.orElse(null)).limits(limits);
    xapiEndpoint.ifPresent(endpoint -> builder.xapi(XapiSettings.builder(endpoint)
        .credentials(xapiUsername.orElse(null), xapiPassword.orElse(null)).build()));
    smtp.ifPresent(builder::notifier);
    return builder;
  }

  /**
   * @return a servlet builder with the allowed origins, the token secrets of the stored tenants plus
   *     {@code INFLOW_TOKEN_SECRET} for tenant {@code default}, the operator secret, and a CSRF key
   *     shared by every node with the same secret
   */
  public InflowServlet.Builder servletBuilder(Inflow inflow) {
    InflowServlet.Builder builder = InflowServlet.builder(inflow).allowedOrigins(allowedOrigins);
    TenantKeys keys = TenantKeys.stored(inflow);
    if (tokenSecret.isPresent()) {
      keys = keys.and(TenantKeys.of(Map.of(dev.inflow.core.Caller.DEFAULT_TENANT, tokenSecret.get())));
      builder.csrfKey(derive(tokenSecret.get(), "inflow-csrf"));
    }
    builder.tenantKeys(keys);
    operatorSecret.ifPresent(builder::operatorSecret);
    return builder;
  }

  /** @return the JDBC URL without credentials, for logs */
  public String jdbcUrlForDisplay() {
    return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  private static int port(String value) {
    try {
      int port = Integer.parseInt(value.strip());
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new SettingsException("INFLOW_PORT must be a number from 0 to 65535 (got '" + value + "')");
  }

  private static URI xapiEndpoint(String value) {
    try {
      URI uri = URI.create(value.strip());
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
        return uri;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new SettingsException("INFLOW_XAPI_ENDPOINT must be the http(s) URL of the LRS, e.g. https://lrs.example.com/xapi/ (got '" + value + "')");
  }

  private static Limits limits(String value) {
    Limits.Builder b = Limits.builder();
    for (String part : value.split(",")) {
      String[] kv = part.strip().split("=", 2);
      int n;
      try {
        n = kv.length == 2 ? Integer.parseInt(kv[1].strip()) : -1;
      } catch (NumberFormatException e) {
        n = -1;
      }
      if (n < 1) {
        throw new SettingsException("INFLOW_RATE_LIMITS is a list like user-writes=30,tenant-writes=6000,user-reads=1200,tenant-reads=120000 (per minute; got '" + part + "')");
      }
      switch (kv[0].strip().toLowerCase(Locale.ROOT)) {
        case "user-writes" -> b.userWritesPerMinute(n);
        case "tenant-writes" -> b.tenantWritesPerMinute(n);
        case "user-reads" -> b.userReadsPerMinute(n);
        case "tenant-reads" -> b.tenantReadsPerMinute(n);
        default -> throw new SettingsException("INFLOW_RATE_LIMITS knows user-writes, tenant-writes, user-reads and tenant-reads (got '" + kv[0] + "')");
      }
    }
    return b.build();
  }

  private static String dotted(String name) {
    return name.toLowerCase(Locale.ROOT).replace('_', '.');
  }

  private static byte[] derive(String secret, String label) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
    }
  }
}
