package dev.inflow.core.question;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QuestionSettingsTest {
  @Test
  void optionsOutOfRangeAreRefusedNamingTheOption() {
    assertThatThrownBy(() -> QuestionSettings.builder().defaultDeadline(Duration.ofMinutes(1)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("defaultDeadline").hasMessageContaining("5 minutes");
    assertThatThrownBy(() -> QuestionSettings.builder().expertsPerStep(0).build()).hasMessageContaining("expertsPerStep");
    assertThatThrownBy(() -> QuestionSettings.builder().escalationRounds(11).build()).hasMessageContaining("escalationRounds");
    assertThatThrownBy(() -> QuestionSettings.builder().tagDeadline("Not a tag", Duration.ofHours(1)).build()).hasMessageContaining("tagDeadline");
    assertThatThrownBy(() -> QuestionSettings.builder().expertiseHalfLife(Duration.ofHours(1)).build()).hasMessageContaining("expertiseHalfLife");
    assertThatThrownBy(() -> QuestionSettings.builder().expertsPerStep(2).expertsPerStep(3))
        .isInstanceOf(IllegalStateException.class).hasMessage("expertsPerStep was already set to 2");
    assertThatThrownBy(() -> BusinessHours.weekdays(ZoneId.of("UTC"), LocalTime.of(17, 0), LocalTime.of(9, 0))).hasMessageContaining("end after");
  }

  @Test
  void defaultsAreFourHoursThreeExpertsOneRoundAndNewTagsAllowed() {
    QuestionSettings defaults = QuestionSettings.defaults();
    assertThat(defaults.defaultDeadline()).isEqualTo(Duration.ofHours(4));
    assertThat(defaults.expertsPerStep()).isEqualTo(3);
    assertThat(defaults.escalationRounds()).isEqualTo(1);
    assertThat(defaults.allowNewTags()).isTrue();
    assertThat(defaults.businessHours()).isEmpty();
  }

  @Test
  void businessHoursSkipNightsAndWeekendsInTheirTimeZone() {
    BusinessHours berlin = BusinessHours.weekdays(ZoneId.of("Europe/Berlin"), LocalTime.of(9, 0), LocalTime.of(17, 0));

    assertThat(berlin.plus(Instant.parse("2026-11-27T15:00:00Z"), Duration.ofHours(4)))
        .as("Friday 16:00 Berlin + 4 h: 1 h on Friday, 3 h on Monday").isEqualTo(Instant.parse("2026-11-30T11:00:00Z"));
    assertThat(berlin.plus(Instant.parse("2026-11-24T05:00:00Z"), Duration.ofHours(1)))
        .as("before opening: starts at 9:00").isEqualTo(Instant.parse("2026-11-24T09:00:00Z"));
    assertThat(berlin.plus(Instant.parse("2026-11-23T08:00:00Z"), Duration.ofHours(20)))
        .as("Monday 9:00 + 20 h: Mon 8, Tue 8, Wed 4").isEqualTo(Instant.parse("2026-11-25T12:00:00Z"));
    BusinessHours weekendShift = new BusinessHours(ZoneId.of("UTC"), Set.of(DayOfWeek.SATURDAY), LocalTime.of(10, 0), LocalTime.of(12, 0));
    assertThat(weekendShift.plus(Instant.parse("2026-11-23T10:00:00Z"), Duration.ofHours(3)))
        .isEqualTo(Instant.parse("2026-12-05T11:00:00Z"));
  }
}
