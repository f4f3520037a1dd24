package dev.inflow.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inflow opens an embedded H2 database in files with {@code WRITE_DELAY=0}, so an acknowledged write
 * is in the file before the call returns (the process-kill test in sdk-servlet shows what it
 * prevents), and leaves an operator's own {@code WRITE_DELAY} and other kinds of URL alone.
 */
class EmbeddedH2WriteDelayTest {
  @TempDir
  Path dir;

  @Test
  void anEmbeddedH2FileIsOpenedWithoutWriteDelay() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("inflow");
    try (Inflow inflow = Inflow.builder().jdbcUrl(url).runBackgroundJobs(false).build()) {
      assertThat(writeDelayOf(url)).isEqualTo("0");
    }
  }

  @Test
  void aWriteDelayInTheUrlIsTheOperatorsChoiceAndKept() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("inflow") + ";Write_Delay=300";
    try (Inflow inflow = Inflow.builder().jdbcUrl(url).runBackgroundJobs(false).build()) {
      assertThat(writeDelayOf(url)).isEqualTo("300");
    }
  }

  @Test
  void onlyEmbeddedFileUrlsAreChanged() {
    assertThat(Inflow.withoutWriteDelay(Inflow.DEFAULT_JDBC_URL)).isEqualTo("jdbc:h2:file:./data/inflow;WRITE_DELAY=0");
    assertThat(Inflow.withoutWriteDelay("jdbc:h2:./data/inflow;MODE=PostgreSQL;")).isEqualTo("jdbc:h2:./data/inflow;MODE=PostgreSQL;WRITE_DELAY=0");
    assertThat(Inflow.withoutWriteDelay("jdbc:h2:file:/srv/inflow;write_delay=500")).isEqualTo("jdbc:h2:file:/srv/inflow;write_delay=500");
    assertThat(Inflow.withoutWriteDelay("jdbc:h2:mem:inflow;DB_CLOSE_DELAY=-1")).isEqualTo("jdbc:h2:mem:inflow;DB_CLOSE_DELAY=-1");
    assertThat(Inflow.withoutWriteDelay("jdbc:h2:tcp://db/inflow")).isEqualTo("jdbc:h2:tcp://db/inflow");
    assertThat(Inflow.withoutWriteDelay("jdbc:postgresql://db/inflow")).isEqualTo("jdbc:postgresql://db/inflow");
  }

  /** A second connection in the same JVM joins the open database and sees its settings. */
  private static String writeDelayOf(String url) throws Exception {
    try (Connection c = DriverManager.getConnection(url.split(";")[0]); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
      assertThat(rs.next()).as("H2 reports WRITE_DELAY").isTrue();
      return rs.getString(1);
    }
  }
}
