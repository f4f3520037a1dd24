package dev.inflow.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
  @Test
  void defaultsRunTheEmbeddedDatabaseOnPort8080() {
    Settings s = Settings.load(Settings.Source.of(Map.of()));
    assertThat(s.port()).isEqualTo(8080);
    assertThat(s.jdbcUrl()).isEqualTo("jdbc:h2:file:./data/inflow");
    assertThat(s.tokenSecret()).isEmpty();
    assertThat(s.allowedOrigins()).isEmpty();
  }

  @Test
  void everyVariableIsRead() {
    Settings s = Settings.load(Settings.Source.of(Map.of(
        "INFLOW_PORT", "9090",
        "INFLOW_JDBC_URL", "jdbc:postgresql://db/inflow",
        "INFLOW_JDBC_USER", "inflow",
        "INFLOW_JDBC_PASSWORD", "pw",
        "INFLOW_TOKEN_SECRET", "s".repeat(40),
        "INFLOW_ALLOWED_ORIGINS", "https://a.example.com, https://b.example.com:8443",
        "INFLOW_XAPI_ENDPOINT", "https://lrs.example.com/xapi/",
        "INFLOW_XAPI_USERNAME", "key",
        "INFLOW_XAPI_PASSWORD", "secret",
        "INFLOW_RATE_LIMITS", "user-writes=5,tenant-reads=100")));
    assertThat(s.port()).isEqualTo(9090);
    assertThat(s.jdbcUser()).contains("inflow");
    assertThat(s.allowedOrigins()).containsExactly("https://a.example.com", "https://b.example.com:8443");
    assertThat(s.xapiEndpoint().orElseThrow().getHost()).isEqualTo("lrs.example.com");
    assertThat(s.limits().userWritesPerMinute()).isEqualTo(5);
    assertThat(s.limits().tenantReadsPerMinute()).isEqualTo(100);
  }

  @Test
  void aMailServerIsReadFromTheSmtpSettings() {
    Settings s = Settings.load(Settings.Source.of(Map.of("INFLOW_SMTP_HOST", "mail.example.com", "INFLOW_SMTP_PORT", "587",
        "INFLOW_SMTP_FROM", "inflow@example.com", "INFLOW_SMTP_USERNAME", "inflow", "INFLOW_SMTP_PASSWORD", "pw",
        "INFLOW_SMTP_STARTTLS", "true")));
    assertThat(s.smtp()).hasValueSatisfying(smtp -> assertThat(smtp.toString())
        .isEqualTo("smtp://mail.example.com:587 from inflow@example.com").doesNotContain("pw"));
    assertThat(Settings.load(Settings.Source.of(Map.of())).smtp()).isEmpty();
    assertMessage(Map.of("INFLOW_SMTP_HOST", "mail.example.com"), "INFLOW_SMTP_FROM is needed with INFLOW_SMTP_HOST");
    assertMessage(Map.of("INFLOW_SMTP_FROM", "inflow@example.com"), "INFLOW_SMTP_FROM is set but INFLOW_SMTP_HOST is not");
    assertMessage(Map.of("INFLOW_SMTP_HOST", "mail.example.com", "INFLOW_SMTP_FROM", "inflow@example.com", "INFLOW_SMTP_PORT", "99999"),
        "INFLOW_SMTP_PORT must be a number from 1 to 65535");
    assertMessage(Map.of("INFLOW_SMTP_HOST", "mail.example.com", "INFLOW_SMTP_FROM", "not an address"), "from must be an e-mail address");
  }

  @Test
  void badSettingsSayWhatToFixInOneLine() {
    assertMessage(Map.of("INFLOW_PORT", "eighty"), "INFLOW_PORT must be a number from 0 to 65535 (got 'eighty')");
    assertMessage(Map.of("INFLOW_JDBC_URL", "jdbc:mysql://x"), "INFLOW_JDBC_URL must start with jdbc:h2: or jdbc:postgresql:");
    assertMessage(Map.of("INFLOW_TOKEN_SECRET", "short"), "INFLOW_TOKEN_SECRET must be at least 32 characters");
    assertMessage(Map.of("INFLOW_ALLOWED_ORIGINS", "portal.example.com"), "INFLOW_ALLOWED_ORIGINS lists origins like");
    assertMessage(Map.of("INFLOW_XAPI_ENDPOINT", "ftp://lrs"), "INFLOW_XAPI_ENDPOINT must be the http(s) URL");
    assertMessage(Map.of("INFLOW_XAPI_ENDPOINT", "https://lrs", "INFLOW_XAPI_USERNAME", "u"), "set both INFLOW_XAPI_USERNAME and INFLOW_XAPI_PASSWORD");
    assertMessage(Map.of("INFLOW_RATE_LIMITS", "user-writes=lots"), "INFLOW_RATE_LIMITS is a list like");
    assertMessage(Map.of("INFLOW_RATE_LIMITS", "everyone=3"), "INFLOW_RATE_LIMITS knows");
  }

  @Test
  void systemPropertiesThenTheConfigFileOverrideTheEnvironment(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("inflow.properties");
    Files.writeString(file, "INFLOW_PORT=7070\ninflow.allowed.origins=https://file.example.com\n");
    Settings.Source env = Settings.Source.of(Map.of("INFLOW_PORT", "6060", "INFLOW_ALLOWED_ORIGINS", "https://env.example.com"));
    Settings.Source props = Settings.Source.of(Map.of("inflow.port", "5050"));

    Settings s = Settings.load(props.orElse(Settings.Source.file(file)).orElse(env));

    assertThat(s.port()).isEqualTo(5050);
    assertThat(s.allowedOrigins()).containsExactly("https://file.example.com");
    assertThatThrownBy(() -> Settings.Source.file(dir.resolve("missing.properties")))
        .isInstanceOf(SettingsException.class).hasMessageContaining("cannot read the config file");
  }

  private static void assertMessage(Map<String, String> values, String expected) {
    assertThatThrownBy(() -> Settings.load(Settings.Source.of(values)))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining(expected)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
