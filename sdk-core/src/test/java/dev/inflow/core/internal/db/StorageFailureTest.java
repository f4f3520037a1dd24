package dev.inflow.core.internal.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inflow.core.InflowException;
import dev.inflow.core.StorageUnavailableException;
import java.io.IOException;
import java.sql.SQLException;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * How database failures reach callers: no space left (PostgreSQL's disk_full, the EFBIG/EDQUOT it
 * reports as an internal error, H2's failed file write) is a {@link StorageUnavailableException}
 * that says so, and {@link Database#writesRefusedSince()} tells {@code /health} until a write
 * commits again.
 */
class StorageFailureTest {

  @Test
  void postgresDiskFullIsStorageFull() {
    assertStorageFull(new SQLException("ERROR: could not extend file \"base/16384/16420\": No space left on device", "53100"));
    assertStorageFull(new SQLException("ERROR: could not extend file \"base/16384/16420\": wrote only 4096 of 8192 bytes at block 511", "53100"));
  }

  @Test
  void postgresFileSizeLimitAndQuotaAreStorageFull() {
    assertStorageFull(new SQLException("ERROR: could not extend file \"base/5/16385\": File too large", "XX000"));
    assertStorageFull(new SQLException("ERROR: could not extend file \"base/5/16385\": Disk quota exceeded", "XX000"));
  }

  @Test
  void h2WriteFailureForLackOfSpaceIsStorageFull() {
    RuntimeException store = new IllegalStateException("Writing to sun.nio.ch.FileChannelImpl@2 failed; length 651264 at 3784704",
        new IOException("No space left on device"));
    assertStorageFull(new SQLException("General error: \"org.h2.mvstore.MVStoreException: Writing ... failed\"", "HY000", 50000, store));
  }

  @Test
  void aRestartIsUnavailableButNotStorageFull() {
    InflowException e = Database.translate(new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
    assertThat(e).isInstanceOf(StorageUnavailableException.class);
    assertThat(((StorageUnavailableException) e).storageFull()).isFalse();
    assertThat(Database.translate(new SQLException("ERROR: could not read block 7: Input/output error", "58030")))
        .isInstanceOf(StorageUnavailableException.class);
  }

  @Test
  void otherFailuresStayPlainErrors() {
    assertThat(Database.translate(new SQLException("duplicate key value violates unique constraint", "23505")))
        .isNotInstanceOf(StorageUnavailableException.class);
    assertThat(Database.translate(new SQLException("internal error without a cause", "XX000")))
        .isNotInstanceOf(StorageUnavailableException.class);
  }

  @Test
  void writesAreReportedRefusedFromTheFirstRefusalUntilAWriteCommits() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:storage-failure-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    Database db = new Database(h2);
    db.transaction(sql -> sql.update("CREATE TABLE t (id INT PRIMARY KEY)"));
    assertThat(db.writesRefusedSince()).isEmpty();

    assertThatThrownBy(() -> db.transaction(sql -> {
      throw new SQLException("ERROR: could not extend file \"base/5/16385\": No space left on device", "53100");
    })).isInstanceOf(StorageUnavailableException.class);
    var since = db.writesRefusedSince();
    assertThat(since).isPresent();

    assertThatThrownBy(() -> db.transaction(sql -> {
      throw new SQLException("ERROR: could not extend file \"base/5/16385\": No space left on device", "53100");
    })).isInstanceOf(StorageUnavailableException.class);
    assertThat(db.writesRefusedSince()).as("the first refusal counts").isEqualTo(since);

    db.transaction(sql -> sql.update("UPDATE t SET id = 2 WHERE id = 1"));
    assertThat(db.writesRefusedSince()).as("a transaction that changed nothing proves nothing").isEqualTo(since);
    long rows = db.read(sql -> sql.count("SELECT COUNT(*) FROM t"));
    assertThat(rows).isZero();

    db.transaction(sql -> sql.update("INSERT INTO t (id) VALUES (1)"));
    assertThat(db.writesRefusedSince()).as("a committed write shows there is space again").isEmpty();
  }

  private static void assertStorageFull(SQLException driverFailure) {
    InflowException e = Database.translate(driverFailure);
    assertThat(e).isInstanceOf(StorageUnavailableException.class);
    assertThat(((StorageUnavailableException) e).storageFull()).isTrue();
    assertThat(e.getMessage()).contains("no space left").doesNotContain("Exception");
  }
}
