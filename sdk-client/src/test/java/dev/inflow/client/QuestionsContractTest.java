package dev.inflow.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every call of {@code questions()} and {@code experts()} against the real server, and the errors each can meet. */
class QuestionsContractTest extends ContractServer {

  @Test
  void anAskedQuestionIsRoutedToItsExpertsAndReadBackListedAndStreamed() {
    String tag = newTag();
    expert("eva-" + tag, tag);
    String target = newTarget();

    Question asked = as("ana").questions().ask(NewQuestion.builder("How do I renew the VPN token?", tag)
        .body("It says **expired**").about(target).onTarget("VPN setup", "https://intranet.example.com/kb/vpn").build());

    assertThat(asked.status()).isEqualTo(QuestionStatus.OPEN);
    assertThat(asked.routedTo()).containsExactly("eva-" + tag);
    assertThat(asked.html()).contains("<strong>expired</strong>");
    assertThat(asked.targetKey()).contains(target);
    assertThat(asked.mine()).isTrue();
    QuestionThread read = as("ben").questions().get(asked.id());
    assertThat(read.question().title()).isEqualTo("How do I renew the VPN token?");
    assertThat(read.question().mine()).isFalse();
    assertThat(read.answers()).isEmpty();
    as("ana").questions().ask(NewQuestion.builder("Second question", tag).build());
    as("ana").questions().ask(NewQuestion.builder("Third question", tag).build());

    Page<Question> first = as("ben").questions().list(QuestionQuery.all().tag(tag).limit(2));
    assertThat(first.items()).hasSize(2);
    assertThat(first.next()).isPresent();
    assertThat(as("ben").questions().list(QuestionQuery.all().tag(tag).limit(2).after(first.next().get())).items())
        .extracting(Question::id).containsExactly(asked.id());
    assertThat(as("ben").questions().stream(QuestionQuery.all().tag(tag).limit(1)))
        .extracting(Question::title).containsExactly("Third question", "Second question", "How do I renew the VPN token?");
    assertThat(as("ben").questions().list(QuestionQuery.all().about(target)).items()).extracting(Question::id).containsExactly(asked.id());
    assertThat(as("ana").questions().stream(QuestionQuery.all().scope(QuestionQuery.Scope.MINE).tag(tag))).hasSize(3);
    assertThat(as("eva-" + tag).questions().stream(QuestionQuery.all().scope(QuestionQuery.Scope.ROUTED_TO_ME).tag(tag))).hasSize(3);
    assertThat(as("ben").questions().list(QuestionQuery.all().tag(tag).status(QuestionStatus.ANSWERED)).items()).isEmpty();
  }

  @Test
  void similarQuestionsAreSuggestedWhileTyping() {
    String tag = newTag();
    Question asked = as("ana").questions().ask(NewQuestion.builder("Printer on floor three jams " + tag, tag).build());

    List<SimilarQuestion> similar = as("ben").questions().similar("printer jams " + tag, List.of(tag), 5);

    assertThat(similar).extracting(SimilarQuestion::id).contains(asked.id());
    assertThat(similar.get(0).status()).isEqualTo(QuestionStatus.OPEN);
    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> as("ben").questions().similar("x", List.of(), 500));
    assertThat(e.errors()).extracting(FieldError::field).contains("limit");
  }

  @Test
  void editsNeedTheCurrentVersionAndKeepAHistory() {
    String tag = newTag();
    Question asked = as("ana").questions().ask(NewQuestion.builder("Old title", tag).build());

    Question edited = as("ana").questions().edit(asked.id(), QuestionEdit.none().title("New title").body("More detail"), asked.version());

    assertThat(edited.title()).isEqualTo("New title");
    assertThat(edited.version()).isGreaterThan(asked.version());
    assertThat(edited.editedAt()).isPresent();
    PreconditionFailedException stale = catchThrowableOfType(PreconditionFailedException.class,
        () -> as("ana").questions().edit(asked.id(), QuestionEdit.none().title("Lost"), asked.version()));
    assertThat(stale.currentVersion()).hasValue(edited.version());
    assertThatThrownBy(() -> as("ben").questions().edit(asked.id(), QuestionEdit.none().title("Mine now"), edited.version()))
        .isInstanceOf(ForbiddenException.class);
    assertThat(as("ana").questions().history(asked.id())).extracting(QuestionRevision::title).containsExactly("Old title", "New title");
  }

  @Test
  void answersAreVotedAcceptedVerifiedEditedAndDeleted() {
    String tag = newTag();
    InflowClient eva = expert("eva-" + tag, tag);
    Question q = as("ana").questions().ask(NewQuestion.builder("Which VPN profile?", tag).build());

    Answer answer = as("dev").questions().answer(q.id(), "Use the **EU** profile");
    assertThat(answer.html()).contains("<strong>EU</strong>");
    assertThat(as("ben").questions().get(q.id()).question().status()).isEqualTo(QuestionStatus.ANSWERED);

    assertThat(as("ben").questions().vote(answer.id(), Vote.UP).score()).isEqualTo(1);
    assertThatThrownBy(() -> as("ben").questions().vote(answer.id(), Vote.UP)).isInstanceOf(ConflictException.class);
    assertThat(as("carla").questions().vote(answer.id(), Vote.DOWN).score()).isZero();
    assertThat(as("carla").questions().unvote(answer.id()).score()).isEqualTo(1);
    assertThatThrownBy(() -> as("dev").questions().vote(answer.id(), Vote.UP)).isInstanceOf(ForbiddenException.class);

    assertThatThrownBy(() -> as("ben").questions().accept(answer.id())).isInstanceOf(ForbiddenException.class);
    assertThat(as("ana").questions().accept(answer.id()).accepted()).isTrue();
    assertThat(as("ana").questions().get(q.id()).question().acceptedAnswerId()).contains(answer.id());
    assertThat(as("ana").questions().unaccept(answer.id()).accepted()).isFalse();

    assertThatThrownBy(() -> as("ben").questions().verify(answer.id())).isInstanceOf(ForbiddenException.class);
    Answer verified = eva.questions().verify(answer.id());
    assertThat(verified.verified()).isTrue();
    assertThat(verified.verifiedBy()).map(Author::id).contains("eva-" + tag);
    assertThat(eva.questions().unverify(answer.id()).verified()).isFalse();

    Answer edited = as("dev").questions().editAnswer(answer.id(), "Use the **EU-West** profile", answer.version());
    assertThat(as("ben").questions().getAnswer(answer.id()).body()).isEqualTo("Use the **EU-West** profile");
    assertThatThrownBy(() -> as("dev").questions().editAnswer(answer.id(), "stale", answer.version()))
        .isInstanceOf(PreconditionFailedException.class);
    assertThat(as("dev").questions().answerHistory(answer.id())).extracting(CommentRevision::version)
        .containsExactly(answer.version(), edited.version());

    as("dev").questions().deleteAnswer(answer.id());
    assertThat(as("ben").questions().get(q.id()).answers()).isEmpty();
  }

  @Test
  void duplicatesAreClosedAndReopenedByModeratorsAndDeletedQuestionsAreGone() {
    String tag = newTag();
    Question original = as("ana").questions().ask(NewQuestion.builder("Original", tag).build());
    Question repeat = as("ben").questions().ask(NewQuestion.builder("Repeat", tag).build());

    assertThatThrownBy(() -> as("dev").questions().closeAsDuplicate(repeat.id(), original.id())).isInstanceOf(ForbiddenException.class);
    Question closed = as("carla", "moderator").questions().closeAsDuplicate(repeat.id(), original.id());
    assertThat(closed.status()).isEqualTo(QuestionStatus.CLOSED);
    assertThat(closed.duplicateOf()).contains(original.id());
    assertThatThrownBy(() -> as("dev").questions().answer(repeat.id(), "Too late")).isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> as("carla", "moderator").questions().closeAsDuplicate(repeat.id(), original.id()))
        .isInstanceOf(ConflictException.class);
    assertThat(as("carla", "moderator").questions().reopen(repeat.id()).status()).isEqualTo(QuestionStatus.OPEN);
    assertThatThrownBy(() -> as("carla", "moderator").questions().reopen(repeat.id())).isInstanceOf(ConflictException.class);

    as("ben").questions().delete(repeat.id());
    NotFoundException gone = catchThrowableOfType(NotFoundException.class, () -> as("ana").questions().get(repeat.id()));
    assertThat(gone.status()).isEqualTo(404);
    assertThatThrownBy(() -> as("ana").questions().getAnswer("987654321")).isInstanceOf(NotFoundException.class);
  }

  @Test
  void badQuestionsAreRefusedNamingTheFieldAndAnonymousCallersMustSignIn() {
    String tag = newTag();
    InvalidRequestException blank = catchThrowableOfType(InvalidRequestException.class,
        () -> as("ana").questions().ask(NewQuestion.builder("  ", tag).build()));
    assertThat(blank.errors()).extracting(FieldError::field).contains("title");
    InvalidRequestException badTag = catchThrowableOfType(InvalidRequestException.class,
        () -> as("ana").questions().ask(NewQuestion.builder("Fine title", "Not A Tag!").build()));
    assertThat(badTag.errors()).extracting(FieldError::field).contains("tags");
    assertThatThrownBy(() -> client.questions().ask(NewQuestion.builder("Who am I?", tag).build())).isInstanceOf(UnauthorizedException.class);
    assertThatThrownBy(() -> NewQuestion.builder("No tag").build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("tag");
  }

  @Test
  void theSameIdempotencyKeyReplaysAQuestionOrAnAnswerAndAnotherBodyConflicts() {
    String tag = newTag();
    String key = "ask-" + UUID.randomUUID();
    Question first = as("ana").questions().ask(NewQuestion.builder("Asked once", tag).build(), key);

    Question again = as("ana").questions().ask(NewQuestion.builder("Asked once", tag).build(), key);

    assertThat(again.id()).isEqualTo(first.id());
    assertThat(as("ana").questions().stream(QuestionQuery.all().tag(tag))).hasSize(1);
    assertThatThrownBy(() -> as("ana").questions().ask(NewQuestion.builder("Asked differently", tag).build(), key))
        .isInstanceOf(ConflictException.class);
    Answer answer = as("ben").questions().answer(first.id(), "Once", "answer-" + key);
    assertThat(as("ben").questions().answer(first.id(), "Once", "answer-" + key).id()).isEqualTo(answer.id());
    assertThat(as("ben").questions().get(first.id()).answers()).hasSize(1);
  }

  @Test
  void theExpertsDirectoryRanksDeclaredExpertsAndAdministratorsDeclareForOthers() {
    String tag = newTag();
    expert("eva-" + tag, tag);

    assertThatThrownBy(() -> as("ana").experts().declare("gil-" + tag, List.of(tag))).isInstanceOf(ForbiddenException.class);
    Expert gil = as("root", "admin").experts().declare("gil-" + tag, List.of(tag));
    assertThat(gil.declaredTags()).containsExactly(tag);

    List<Expert> experts = as("ben").experts().forTag(tag);
    assertThat(experts).extracting(e -> e.user().id()).containsExactly("eva-" + tag, "gil-" + tag);
    assertThat(experts.get(0).reasons()).extracting(Expert.Reason::kind).contains("declared");
    assertThat(as("ben").experts().list(Optional.of(tag), 1)).hasSize(1);
    assertThat(as("eva-" + tag).experts().setAway("eva-" + tag, true).away()).isTrue();
    assertThatThrownBy(() -> as("ben").experts().setAway("eva-" + tag, false)).isInstanceOf(ForbiddenException.class);
  }

  @Test
  void administratorsDefineTagsAndCommunityManagersSeeTheirQueue() {
    String tag = newTag();
    String manager = "cm-" + tag;
    assertThatThrownBy(() -> as("ana").experts().defineTag(tag, TagSettings.none().description("x"))).isInstanceOf(ForbiddenException.class);

    Tag defined = as("root", "admin").experts().defineTag(tag,
        TagSettings.none().description("Remote access").communityManagers(manager).deadline(Duration.ofHours(2)));

    assertThat(defined.deadline()).isEqualTo(Duration.ofHours(2));
    Question waiting = as("ana").questions().ask(NewQuestion.builder("Nobody answers", tag).build());
    assertThat(as("dev").experts().tags()).anySatisfy(t -> {
      assertThat(t.name()).isEqualTo(tag);
      assertThat(t.description()).isEqualTo("Remote access");
      assertThat(t.communityManagers()).containsExactly(manager);
      assertThat(t.questionCount()).isEqualTo(1);
    });
    List<TagQueue> queue = as(manager).experts().communityQueue(Optional.of(tag));
    assertThat(queue).singleElement().satisfies(q -> {
      assertThat(q.unanswered()).isEqualTo(1);
      assertThat(q.questions()).extracting(Question::id).containsExactly(waiting.id());
    });
    assertThatThrownBy(() -> as("dev").experts().communityQueue(Optional.empty())).isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> TagSettings.none().deadline(Duration.ofSeconds(30))).isInstanceOf(IllegalArgumentException.class);
  }
}
