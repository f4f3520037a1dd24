package dev.inflow.servlet.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inflow.core.StorageUnavailableException;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Storage failures become 503 problems that say whether to wait for a restart or for free space. */
@SuppressWarnings("unchecked") // Problems answers its problem details as a Map of names to values
class ProblemsTest {

  @Test
  void noSpaceLeftIsA503StorageFullProblemWithRetryAfter() {
    Reply reply = Problems.of(new StorageUnavailableException("the database has no space left, so nothing was written",
        new SQLException("could not extend file \"base/5/16385\": No space left on device", "53100"), true));
    assertThat(reply.status()).isEqualTo(503);
    assertThat(reply.contentType()).isEqualTo(Problems.CONTENT_TYPE);
    assertThat(reply.headers()).containsEntry("Retry-After", "120");
    assertThat((Map<String, Object>) reply.json()).containsEntry("type", Problems.TYPE_BASE + "storage-full")
        .containsEntry("detail", "the database has no space left, so nothing was written");
  }

  @Test
  void anOutageStaysA503UnavailableProblem() {
    Reply reply = Problems.of(new StorageUnavailableException("the database is not available right now; retry shortly",
        new SQLException("terminating connection due to administrator command", "57P01")));
    assertThat(reply.status()).isEqualTo(503);
    assertThat(reply.headers()).containsEntry("Retry-After", "5");
    assertThat((Map<String, Object>) reply.json()).containsEntry("type", Problems.TYPE_BASE + "unavailable");
  }
}
