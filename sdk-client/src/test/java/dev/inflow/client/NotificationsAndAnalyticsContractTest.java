package dev.inflow.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every call of {@code notifications()} and {@code analytics()} against the real server, and their errors. */
class NotificationsAndAnalyticsContractTest extends ContractServer {

  @Test
  void aRoutedQuestionNotifiesTheExpertWhoReadsAndMarksIt() {
    String tag = newTag();
    InflowClient eva = expert("eva-" + tag, tag);
    Question q = as("ana").questions().ask(NewQuestion.builder("Routed to you", tag).build());
    as("ana").questions().ask(NewQuestion.builder("Routed again", tag).build());

    NotificationPage page = eva.notifications().list(false, PageOptions.first().limit(1));

    assertThat(page.unreadCount()).isEqualTo(2);
    assertThat(page.items()).hasSize(1);
    assertThat(page.next()).isPresent();
    assertThat(eva.notifications().stream(false)).extracting(Notification::title).containsExactly("Routed again", "Routed to you");
    Notification routed = eva.notifications().stream(true).filter(n -> n.questionId().equals(java.util.Optional.of(q.id()))).findFirst()
        .orElseThrow();
    assertThat(routed.reason()).isEqualTo("question.routed");
    assertThat(routed.read()).isFalse();
    assertThat(eva.notifications().markRead(List.of(routed.id()))).isEqualTo(1);
    assertThat(eva.notifications().unreadCount()).isEqualTo(1);
    assertThat(eva.notifications().stream(true)).extracting(Notification::title).containsExactly("Routed again");
    assertThat(eva.notifications().markAllRead()).isZero();
    assertThat(eva.notifications().stream(false)).allMatch(Notification::read);
    InvalidRequestException badId = catchThrowableOfType(InvalidRequestException.class, () -> eva.notifications().markRead(List.of("abc")));
    assertThat(badId.errors()).extracting(FieldError::field).contains("ids");
    assertThatThrownBy(() -> client.notifications().list(false, PageOptions.first())).isInstanceOf(UnauthorizedException.class);
  }

  @Test
  void analyticsSumUpThePeriodAsJsonAndAsCsvForModerators() {
    String tag = newTag();
    Question q = as("ana").questions().ask(NewQuestion.builder("Counted", tag).about("kb/" + tag).build());
    as("dev").questions().answer(q.id(), "An answer");
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    AnalyticsQuery query = AnalyticsQuery.lastThirtyDays().from(today).to(today).tag(tag);

    AnalyticsSummary summary = as("root", "admin").analytics().summary(query);

    assertThat(summary.tag()).contains(tag);
    assertThat(summary.from()).isEqualTo(today.atStartOfDay(ZoneOffset.UTC).toInstant());
    assertThat(summary.questions().asked()).isEqualTo(1);
    assertThat(summary.questions().answered()).isEqualTo(1);
    assertThat(summary.questions().answerRate()).isEqualTo(1.0);
    assertThat(summary.questions().medianSecondsToFirstAnswer()).isPresent();
    assertThat(summary.topExperts()).singleElement().satisfies(t -> {
      assertThat(t.tag()).isEqualTo(tag);
      assertThat(t.experts()).extracting(e -> e.user().id()).containsExactly("dev");
    });
    assertThat(summary.targets()).anySatisfy(t -> assertThat(t.targetKey()).isEqualTo("kb/" + tag));
    String csv = as("carla", "moderator").analytics().summaryCsv(query);
    assertThat(csv).startsWith("section,tag,target_key,target_title,user_id,user_name,metric,value\r\n")
        .contains("questions," + tag + ",,,,,asked,1\r\n");
    // without a start, the 30 days before the end
    assertThat(as("root", "admin").analytics().summary(AnalyticsQuery.lastThirtyDays().to(today)).questions().asked()).isPositive();

    assertThatThrownBy(() -> as("ana").analytics().summary(query)).isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> as("ana").analytics().summaryCsv(query)).isInstanceOf(ForbiddenException.class);
    InvalidRequestException backwards = catchThrowableOfType(InvalidRequestException.class,
        () -> as("root", "admin").analytics().summary(AnalyticsQuery.lastThirtyDays().from(today).to(today.minusDays(3))));
    assertThat(backwards.errors()).extracting(FieldError::field).contains("to");
  }
}
