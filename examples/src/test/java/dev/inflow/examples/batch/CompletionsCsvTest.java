package dev.inflow.examples.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CompletionsCsvTest {

  @Test
  void quotedFieldsKeepTheirCommasQuotesAndLineBreaksAndColumnsMayComeInAnyOrder() throws Exception {
    String csv = "\uFEFFcompleted_at,course_title,course_id,user_id\n"
        + "2026-11-20T09:15:00Z,\"Safety, \"\"first\"\"\nday\",safety-1,ana\n"
        + "2026-11-21,Plain,plain-1,ben";

    CompletionsCsv.Result result = CompletionsCsv.read(new StringReader(csv));

    assertThat(result.problems()).isEmpty();
    assertThat(result.completions()).hasSize(2);
    Completion first = result.completions().get(0);
    assertThat(first.courseTitle()).isEqualTo("Safety, \"first\"\nday");
    assertThat(first.userName()).isEmpty();
    assertThat(result.completions().get(1).line()).isEqualTo(4);
    assertThat(result.completions().get(1).completedAt()).isEqualTo(Instant.parse("2026-11-21T00:00:00Z"));
  }

  @Test
  void theKeyNamesTheCompletionNotItsPlaceInTheFileOrItsTitles() throws Exception {
    Completion a = CompletionsCsv.read(new StringReader("user_id,course_id,course_title,completed_at\nana,j1,Java,2026-11-20\n"))
        .completions().get(0);
    Completion moved = CompletionsCsv.read(new StringReader("user_id,course_id,course_title,completed_at\n\nbob,j1,Java,2026-11-20\nana,j1,Java I,2026-11-20\n"))
        .completions().get(1);
    Completion again = CompletionsCsv.read(new StringReader("user_id,course_id,course_title,completed_at\nana,j1,Java,2026-11-21\n"))
        .completions().get(0);

    assertThat(moved.idempotencyKey()).isEqualTo(a.idempotencyKey()).startsWith("lms-completion-").hasSize(55);
    assertThat(again.idempotencyKey()).isNotEqualTo(a.idempotencyKey());
  }

  @Test
  void aHeaderWithoutARequiredColumnIsRefusedNamingThem() {
    assertThatThrownBy(() -> CompletionsCsv.read(new StringReader("user,course\nana,j1\n")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user_id");
  }
}
