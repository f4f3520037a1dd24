package dev.inflow.core.question;

import static dev.inflow.core.testing.People.ANA;
import static dev.inflow.core.testing.People.ANONYMOUS;
import static dev.inflow.core.testing.People.BEN;
import static dev.inflow.core.testing.People.CARLA;
import static dev.inflow.core.testing.People.DEV;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inflow.core.AccessDeniedException;
import dev.inflow.core.Caller;
import dev.inflow.core.ConflictException;
import dev.inflow.core.Created;
import dev.inflow.core.Inflow;
import dev.inflow.core.InvalidInputException;
import dev.inflow.core.Limits;
import dev.inflow.core.NotFoundException;
import dev.inflow.core.PageRequest;
import dev.inflow.core.PreconditionFailedException;
import dev.inflow.core.SignInRequiredException;
import dev.inflow.core.User;
import dev.inflow.core.comment.CommentSort;
import dev.inflow.core.comment.NewComment;
import dev.inflow.core.spi.AccessPolicy;
import dev.inflow.core.testing.People;
import dev.inflow.core.testing.TestDatabase;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QuestionsTest {
  /** An expert for vpn, declared in their profile. */
  private static final Caller EVA = Caller.of("default", User.builder("eva").name("Eva Berg").expertise(List.of("vpn")).build());
  /** Only ana and eva may read targets under secret/. */
  private static final AccessPolicy SECRETS = new AccessPolicy() {
    @Override
    public boolean canRead(Caller caller, String targetKey) {
      return caller.signedIn() && (!targetKey.startsWith("secret/") || List.of("ana", "eva").contains(caller.userId().orElseThrow()));
    }

    @Override
    public boolean canWrite(Caller caller, String targetKey) {
      return canRead(caller, targetKey);
    }
  };

  private Inflow inflow;
  private Questions questions;

  @BeforeEach
  void start() {
    inflow = TestDatabase.inflow().limits(Limits.builder().userWritesPerMinute(1_000).build()).accessPolicy(SECRETS).build();
    questions = inflow.questions();
    inflow.users().remember("default", EVA.user().orElseThrow());
  }

  @AfterEach
  void stop() {
    inflow.close();
  }

  private Question ask(Caller who, String title, String... tags) {
    return questions.ask(who, NewQuestion.of(title, "Details of: " + title, List.of(tags)), Optional.empty()).value();
  }

  private Answer answer(Caller who, Question q, String body) {
    return questions.answer(who, q.id(), body, Optional.empty()).value();
  }

  private long questionCount() {
    return inflow.platform().db().read(sql -> sql.count("SELECT COUNT(*) FROM inflow_question"));
  }

  @Test
  void askedQuestionComesBackRenderedOpenAndRoutedToTheExpert() {
    Question q = questions.ask(ANA, NewQuestion.of("  How do I connect to the VPN from home? ", "Use **which** profile?", List.of("VPN", "network")),
        Optional.empty()).value();

    assertThat(q.title()).isEqualTo("How do I connect to the VPN from home?");
    assertThat(q.html()).isEqualTo("<p>Use <strong>which</strong> profile?</p>\n");
    assertThat(q.tags()).containsExactly("vpn", "network");
    assertThat(q.status()).isEqualTo(QuestionStatus.OPEN);
    assertThat(q.author()).hasValueSatisfying(a -> assertThat(a.name()).isEqualTo("Ana Lima"));
    assertThat(q.mine()).isTrue();
    assertThat(q.canEdit()).isTrue();
    assertThat(q.routedTo()).containsExactly("eva");
    assertThat(questions.get(BEN, q.id()).question().mine()).isFalse();
  }

  @Test
  void aQuestionWithoutTitleOrWithTooManyTagsIsRefusedAndNothingIsStored() {
    assertThatThrownBy(() -> ask(ANA, "   ", "vpn"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("title"));
    assertThatThrownBy(() -> ask(ANA, "Six tags", "a", "b", "c", "d", "e", "f"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("tags"));
    assertThatThrownBy(() -> ask(ANA, "No tags"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("tags"));
    assertThatThrownBy(() -> ask(ANA, "Bad tag", "no spaces allowed"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("tags"));
    assertThatThrownBy(() -> ask(ANONYMOUS, "Who am I", "vpn")).isInstanceOf(SignInRequiredException.class);
    assertThat(questionCount()).isZero();
  }

  @Test
  void anUnknownQuestionIsNotFound() {
    assertThatThrownBy(() -> questions.get(ANA, "4711")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> questions.get(ANA, "not-a-number")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> questions.answer(ANA, "4711", "hello", Optional.empty())).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> questions.accept(ANA, "4711")).isInstanceOf(NotFoundException.class);
  }

  @Test
  void firstAnswerMakesItAnsweredAndTheAskerAcceptsOne() {
    Question q = ask(ANA, "Where is the travel policy?", "travel");
    Answer a = answer(BEN, q, "On the intranet under HR.");

    assertThat(questions.get(ANA, q.id()).question().status()).isEqualTo(QuestionStatus.ANSWERED);
    assertThat(a.canAccept()).isFalse();
    Answer accepted = questions.accept(ANA, a.id());
    assertThat(accepted.accepted()).isTrue();
    QuestionThread thread = questions.get(DEV, q.id());
    assertThat(thread.question().status()).isEqualTo(QuestionStatus.ACCEPTED);
    assertThat(thread.question().acceptedAnswerId()).contains(a.id());
    assertThat(thread.question().answerCount()).isEqualTo(1);
  }

  @Test
  void acceptingOnSomeoneElsesQuestionIsRefusedAndChangesNothing() {
    Question q = ask(ANA, "Where is the travel policy?", "travel");
    Answer a = answer(BEN, q, "On the intranet under HR.");

    assertThatThrownBy(() -> questions.accept(DEV, a.id())).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> questions.accept(BEN, a.id())).isInstanceOf(AccessDeniedException.class);
    assertThat(questions.get(ANA, q.id()).question().status()).isEqualTo(QuestionStatus.ANSWERED);
    assertThat(questions.accept(CARLA, a.id()).accepted()).as("a moderator may accept").isTrue();
  }

  @Test
  void acceptingAnotherAnswerMovesTheMarkAndUnacceptGoesBackToAnswered() {
    Question q = ask(ANA, "Which printer is on floor 3?", "office");
    Answer first = answer(BEN, q, "The one by the kitchen.");
    Answer second = answer(DEV, q, "Printer P3-East.");

    questions.accept(ANA, first.id());
    questions.accept(ANA, second.id());
    QuestionThread thread = questions.get(ANA, q.id());
    assertThat(thread.answers()).extracting(Answer::id, Answer::accepted).containsExactly(
        org.assertj.core.groups.Tuple.tuple(second.id(), true), org.assertj.core.groups.Tuple.tuple(first.id(), false));
    questions.unaccept(ANA, second.id());
    assertThat(questions.get(ANA, q.id()).question().status()).isEqualTo(QuestionStatus.ANSWERED);
  }

  @Test
  void votesAreOnePerUserChangeableAndVotingTwiceIsAConflict() {
    Question q = ask(ANA, "How do I book a meeting room?", "office");
    Answer a = answer(BEN, q, "Use the room finder in Outlook.");

    assertThat(questions.vote(DEV, a.id(), Vote.UP).score()).isEqualTo(1);
    assertThatThrownBy(() -> questions.vote(DEV, a.id(), Vote.UP)).isInstanceOf(ConflictException.class);
    assertThat(questions.getAnswer(ANA, a.id()).score()).isEqualTo(1);
    Answer changed = questions.vote(DEV, a.id(), Vote.DOWN);
    assertThat(changed.score()).isEqualTo(-1);
    assertThat(changed.myVote()).isEqualTo(-1);
    assertThat(questions.vote(ANA, a.id(), Vote.UP).score()).isZero();
    assertThat(questions.unvote(DEV, a.id()).score()).isEqualTo(1);
    assertThatThrownBy(() -> questions.vote(BEN, a.id(), Vote.UP)).as("own answer").isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void answersAreOrderedAcceptedThenVerifiedThenScoreThenAge() {
    Question q = ask(ANA, "How do I reset my VPN token?", "vpn");
    Answer oldest = answer(BEN, q, "Call the help desk.");
    Answer popular = answer(DEV, q, "Use the self-service portal.");
    Answer verified = answer(People.member("fay"), q, "Portal, then re-enrol the app.");
    Answer accepted = answer(People.member("gus"), q, "Ask your manager.");
    Answer newest = answer(People.member("hal"), q, "Reinstall the client.");
    questions.vote(ANA, popular.id(), Vote.UP);
    questions.vote(BEN, popular.id(), Vote.UP);
    questions.verify(EVA, verified.id());
    questions.accept(ANA, accepted.id());

    List<String> order = questions.get(DEV, q.id()).answers().stream().map(Answer::id).toList();

    assertThat(order).containsExactly(accepted.id(), verified.id(), popular.id(), oldest.id(), newest.id());
    Answer v = questions.getAnswer(ANA, verified.id());
    assertThat(v.verified()).isTrue();
    assertThat(v.verifiedBy()).hasValueSatisfying(e -> assertThat(e.id()).isEqualTo("eva"));
  }

  @Test
  void onlyExpertsForTheTagsVerifyAndNotTheirOwnAnswers() {
    Question q = ask(ANA, "How do I reset my VPN token?", "vpn");
    Answer byBen = answer(BEN, q, "Self-service portal.");
    Answer byEva = answer(EVA, q, "Portal, then re-enrol.");

    assertThatThrownBy(() -> questions.verify(DEV, byBen.id())).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> questions.verify(EVA, byEva.id())).isInstanceOf(AccessDeniedException.class);
    assertThat(questions.getAnswer(EVA, byBen.id()).canVerify()).isTrue();
    assertThat(questions.verify(EVA, byBen.id()).verified()).isTrue();
    assertThat(questions.unverify(EVA, byBen.id()).verified()).isFalse();
  }

  @Test
  void anAdministratorDeclaredExpertMayVerify() {
    Caller admin = Caller.of("default", User.builder("root").roles(dev.inflow.core.Role.ADMIN).build());
    Question q = ask(ANA, "Which expense form for travel?", "expenses");
    Answer a = answer(BEN, q, "Form T-12.");

    inflow.experts().declare(admin, "dev", List.of("expenses"));

    assertThat(questions.verify(DEV, a.id()).verified()).isTrue();
  }

  @Test
  void editNeedsTheCurrentVersionAndKeepsHistory() {
    Question q = ask(ANA, "Draft title", "misc");

    Question edited = questions.edit(ANA, q.id(), new QuestionEdit(Optional.of("Final title"), Optional.empty(), Optional.of(List.of("misc", "hr"))),
        OptionalLong.of(1));
    assertThat(edited.version()).isEqualTo(2);
    assertThat(edited.tags()).containsExactly("misc", "hr");
    assertThatThrownBy(() -> questions.edit(ANA, q.id(), new QuestionEdit(Optional.of("Lost"), Optional.empty(), Optional.empty()),
        OptionalLong.of(1))).isInstanceOf(PreconditionFailedException.class);
    assertThatThrownBy(() -> questions.edit(BEN, q.id(), new QuestionEdit(Optional.of("Mine now"), Optional.empty(), Optional.empty()),
        OptionalLong.empty())).isInstanceOf(AccessDeniedException.class);
    assertThat(questions.history(BEN, q.id())).extracting(QuestionRevision::title).containsExactly("Draft title", "Final title");

    Answer a = answer(BEN, q, "first");
    questions.editAnswer(BEN, a.id(), "second", OptionalLong.of(1));
    assertThatThrownBy(() -> questions.editAnswer(BEN, a.id(), "third", OptionalLong.of(1))).isInstanceOf(PreconditionFailedException.class);
    assertThat(questions.answerHistory(ANA, a.id())).extracting(AnswerRevision::body).containsExactly("first", "second");
  }

  @Test
  void deletedQuestionsAndAnswersDisappear() {
    Question q = ask(ANA, "Temporary question", "misc");
    Answer a = answer(BEN, q, "an answer");

    questions.deleteAnswer(BEN, a.id());
    assertThat(questions.get(ANA, q.id()).answers()).isEmpty();
    assertThat(questions.get(ANA, q.id()).question().status()).isEqualTo(QuestionStatus.OPEN);
    assertThatThrownBy(() -> questions.delete(BEN, q.id())).isInstanceOf(AccessDeniedException.class);
    questions.delete(ANA, q.id());
    questions.delete(ANA, q.id());
    assertThatThrownBy(() -> questions.get(ANA, q.id())).isInstanceOf(NotFoundException.class);
    assertThat(questions.list(ANA, QuestionQuery.all(), PageRequest.first(10)).items()).isEmpty();
  }

  @Test
  void moderatorsCloseDuplicatesWhichTakeNoMoreAnswersUntilReopened() {
    Question original = ask(ANA, "How do I get a parking permit?", "facilities");
    Question copy = ask(DEV, "Parking permit: how to apply?", "facilities");

    assertThatThrownBy(() -> questions.closeAsDuplicate(BEN, copy.id(), original.id())).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> questions.closeAsDuplicate(CARLA, copy.id(), "999"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("duplicateOf"));
    Question closed = questions.closeAsDuplicate(CARLA, copy.id(), original.id());
    assertThat(closed.status()).isEqualTo(QuestionStatus.CLOSED);
    assertThat(closed.duplicateOf()).contains(original.id());
    assertThatThrownBy(() -> answer(BEN, copy, "late")).isInstanceOf(ConflictException.class);
    assertThat(questions.reopen(CARLA, copy.id()).status()).isEqualTo(QuestionStatus.OPEN);
    assertThat(answer(BEN, copy, "now it works").id()).isNotBlank();
  }

  @Test
  void aRetriedAskWithTheSameKeyReturnsTheFirstQuestion() {
    NewQuestion q = NewQuestion.of("Idempotent?", "", List.of("misc"));
    Created<Question> first = questions.ask(ANA, q, Optional.of("key-1"));
    Created<Question> again = questions.ask(ANA, q, Optional.of("key-1"));

    assertThat(again.replayed()).isTrue();
    assertThat(again.value().id()).isEqualTo(first.value().id());
    assertThat(questionCount()).isEqualTo(1);
    assertThatThrownBy(() -> questions.ask(ANA, NewQuestion.of("Other", "", List.of("misc")), Optional.of("key-1")))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void questionsAboutATargetFollowItsAccessAndSoDoTheirComments() {
    Question secret = questions.ask(ANA, NewQuestion.of("Budget for project X?", "", List.of("finance")).about("secret/project-x"),
        Optional.empty()).value();
    Answer a = answer(EVA, secret, "Ask finance.");

    assertThatThrownBy(() -> questions.get(BEN, secret.id())).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> questions.getAnswer(BEN, a.id())).isInstanceOf(NotFoundException.class);
    assertThat(questions.list(BEN, QuestionQuery.all(), PageRequest.first(10)).items()).isEmpty();
    assertThat(questions.list(ANA, QuestionQuery.all().about("secret/project-x"), PageRequest.first(10)).items()).hasSize(1);

    String onQuestion = "question:" + secret.id();
    String onAnswer = "answer:" + a.id();
    inflow.comments().create(EVA, onQuestion, NewComment.of("good question"), Optional.empty());
    inflow.comments().create(ANA, onAnswer, NewComment.of("thanks"), Optional.empty());
    assertThat(inflow.comments().list(ANA, onQuestion, CommentSort.OLDEST, PageRequest.first(10)).items()).hasSize(1);
    assertThatThrownBy(() -> inflow.comments().list(BEN, onQuestion, CommentSort.OLDEST, PageRequest.first(10)))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> inflow.comments().create(BEN, onAnswer, NewComment.of("let me in"), Optional.empty()))
        .isInstanceOf(NotFoundException.class);
    assertThat(inflow.comments().counts(BEN, List.of(onQuestion))).containsEntry(onQuestion, 0L);
    assertThatThrownBy(() -> inflow.comments().list(ANA, "question:999999", CommentSort.OLDEST, PageRequest.first(10)))
        .as("a question that does not exist has no comments to show").isInstanceOf(NotFoundException.class);
  }

  @Test
  void commentsOnAQuestionWithoutTargetAreOpenToTheTenantEvenWhenTheHostDeniesUnknownKeys() {
    try (Inflow strict = TestDatabase.inflow().accessPolicy(new AccessPolicy() {
      @Override
      public boolean canRead(Caller caller, String targetKey) {
        return caller.signedIn() && targetKey.startsWith("kb/");
      }

      @Override
      public boolean canWrite(Caller caller, String targetKey) {
        return canRead(caller, targetKey);
      }
    }).build()) {
      Question q = strict.questions().ask(ANA, NewQuestion.of("Open question", "", List.of("misc")), Optional.empty()).value();
      strict.comments().create(BEN, "question:" + q.id(), NewComment.of("+1"), Optional.empty());
      assertThat(strict.comments().list(DEV, "question:" + q.id(), CommentSort.OLDEST, PageRequest.first(5)).items()).hasSize(1);
      assertThatThrownBy(() -> strict.comments().list(ANONYMOUS, "question:" + q.id(), CommentSort.OLDEST, PageRequest.first(5)))
          .isInstanceOf(SignInRequiredException.class);
    }
  }

  @Test
  void aQuestionCannotBeAboutAnotherQuestion() {
    Question q = ask(ANA, "Original", "misc");
    assertThatThrownBy(() -> questions.ask(ANA, NewQuestion.of("Meta", "", List.of("misc")).about("question:" + q.id()), Optional.empty()))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("targetKey"));
  }

  @Test
  void tenantsWithAClosedTagListRefuseNewTags() {
    Caller admin = Caller.of("default", User.builder("root").roles(dev.inflow.core.Role.ADMIN).build());
    try (Inflow closed = TestDatabase.inflow().questions(QuestionSettings.builder().allowNewTags(false).build()).build()) {
      closed.questions().defineTag(admin, "vpn", TagSettings.unchanged().withDescription("Remote access"));

      assertThatThrownBy(() -> closed.questions().ask(ANA, NewQuestion.of("Q", "", List.of("vpn", "made-up")), Optional.empty()))
          .isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.errors().get(0).field()).isEqualTo("tags");
            assertThat(e.getMessage()).contains("made-up");
          });
      assertThat(closed.questions().ask(ANA, NewQuestion.of("Q", "", List.of("vpn")), Optional.empty()).value().tags()).containsExactly("vpn");
      assertThat(closed.questions().tags(ANA)).extracting(Tag::name, Tag::questionCount)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("vpn", 1L));
      assertThatThrownBy(() -> closed.questions().defineTag(ANA, "hr", TagSettings.unchanged())).isInstanceOf(AccessDeniedException.class);
    }
  }

  @Test
  void listsFilterByTagStatusMineAndRoutedToMe() {
    Question vpn = ask(ANA, "VPN drops every hour", "vpn");
    Question hr = ask(BEN, "Holiday carry-over rules?", "hr");
    answer(DEV, hr, "Five days.");

    assertThat(ids(questions.list(DEV, QuestionQuery.all().withTag("vpn"), PageRequest.first(10)).items())).containsExactly(vpn.id());
    assertThat(ids(questions.list(DEV, QuestionQuery.all().withStatus(QuestionStatus.ANSWERED), PageRequest.first(10)).items()))
        .containsExactly(hr.id());
    assertThat(ids(questions.list(BEN, QuestionQuery.all().in(QuestionQuery.Scope.MINE), PageRequest.first(10)).items())).containsExactly(hr.id());
    assertThat(ids(questions.list(EVA, QuestionQuery.all().in(QuestionQuery.Scope.ROUTED_TO_ME), PageRequest.first(10)).items()))
        .containsExactly(vpn.id());
    var page1 = questions.list(DEV, QuestionQuery.all(), PageRequest.first(1));
    assertThat(ids(page1.items())).containsExactly(hr.id());
    assertThat(ids(questions.list(DEV, QuestionQuery.all(), PageRequest.after(page1.next().orElseThrow(), 1)).items())).containsExactly(vpn.id());
  }

  private static List<String> ids(List<Question> items) {
    return items.stream().map(Question::id).toList();
  }
}
