package dev.inflow.core.question;

import static dev.inflow.core.testing.People.ANA;
import static dev.inflow.core.testing.People.BEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inflow.core.Caller;
import dev.inflow.core.Inflow;
import dev.inflow.core.InvalidInputException;
import dev.inflow.core.Limits;
import dev.inflow.core.spi.AccessPolicy;
import dev.inflow.core.testing.TestDatabase;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Similar questions as someone typing sees them, on H2 (Lucene) and PostgreSQL (full-text search). */
class SimilarQuestionsTest {
  private static final AccessPolicy ANA_ONLY_SECRETS = new AccessPolicy() {
    @Override
    public boolean canRead(Caller caller, String targetKey) {
      return caller.signedIn() && (!targetKey.startsWith("secret/") || caller.userId().orElseThrow().equals("ana"));
    }

    @Override
    public boolean canWrite(Caller caller, String targetKey) {
      return canRead(caller, targetKey);
    }
  };

  private static Inflow.Builder builder(String url) {
    return Inflow.builder().jdbcUrl(url).accessPolicy(ANA_ONLY_SECRETS).limits(Limits.builder().userWritesPerMinute(1_000).build());
  }

  private static Question ask(Inflow inflow, String title, String body, String... tags) {
    return inflow.questions().ask(ANA, NewQuestion.of(title, body, List.of(tags)), Optional.empty()).value();
  }

  private static List<String> similar(Inflow inflow, Caller who, String text, String... tags) {
    return inflow.questions().similar(who, text, List.of(tags), 5).stream().map(SimilarQuestion::id).toList();
  }

  @Test
  void wordsAreStemmedAndTitleMatchesRankAboveBodyMatches() {
    try (Inflow inflow = builder(TestDatabase.freshUrl()).build()) {
      Question inBody = ask(inflow, "Question about trips", "How are travel expenses reimbursed?", "travel");
      Question inTitle = ask(inflow, "Reimbursing travel expenses", "Who approves them?", "finance");
      ask(inflow, "Parking permits", "Where do I apply?", "facilities");

      assertThat(similar(inflow, BEN, "reimbursement of my travel expense")).containsExactly(inTitle.id(), inBody.id());
      assertThat(inflow.questions().similar(BEN, "travel expense", List.of(), 5).get(0)).satisfies(s -> {
        assertThat(s.title()).isEqualTo("Reimbursing travel expenses");
        assertThat(s.excerpt()).isEqualTo("Who approves them?");
        assertThat(s.status()).isEqualTo(QuestionStatus.OPEN);
      });
    }
  }

  @Test
  void theQuestionSharingTheRareWordsIsFoundAmongHundredsSharingOnlyCommonOnes() {
    try (Inflow inflow = builder(TestDatabase.freshUrl()).build()) {
      // more questions sharing a common word than PostgreSQL ranks, all asked before the one wanted
      for (int i = 0; i < 400; i++) {
        ask(inflow, "Laptop " + i + " is slow after the update", "It takes minutes to start since the update.", "hardware");
      }
      Question wanted = ask(inflow, "Calendar invites vanish from the shared mailbox", "Since the update, invites sent to the team mailbox disappear.",
          "email");

      assertThat(similar(inflow, BEN, "shared mailbox invites vanish after the update")).first().isEqualTo(wanted.id());
    }
  }

  @Test
  void quotesBackslashesAndSearchOperatorsInTheTextAreWordsNotSyntax() {
    try (Inflow inflow = builder(TestDatabase.freshUrl()).build()) {
      Question path = ask(inflow, "Quarterly reports will not open", "The path C:\\Users\\O'Brien\\reports has a quote in it.", "it");
      for (String typed : List.of("O'Brien's reports\\' OR 1=1 --", "reports'); DROP TABLE inflow_question; --", "reports & | ! ( ) :* <-> \\\\ '' \"",
          "$$reports$$ E'\\x27' O''Brien")) {
        assertThat(similar(inflow, BEN, typed)).as(typed).containsExactly(path.id());
      }
      assertThat(similar(inflow, BEN, "' | '")).isEmpty();
    }
  }

  @Test
  void sharedTagsBreakTiesBetweenEquallyWordedQuestions() {
    try (Inflow inflow = builder(TestDatabase.freshUrl()).build()) {
      Question hr = ask(inflow, "Where is the policy document?", "", "hr");
      Question finance = ask(inflow, "Where is the policy document?", "", "finance");

      assertThat(similar(inflow, BEN, "policy document", "finance").get(0)).isEqualTo(finance.id());
      assertThat(similar(inflow, BEN, "policy document", "hr").get(0)).isEqualTo(hr.id());
    }
  }

  @Test
  void deletedAndUnreadableQuestionsAreNeverSuggestedAndShortTextFindsNothing() {
    try (Inflow inflow = builder(TestDatabase.freshUrl()).build()) {
      Question gone = ask(inflow, "Printer jammed on floor two", "", "printers");
      Question secret = inflow.questions().ask(ANA, NewQuestion.of("Printer for the board room", "", List.of("printers")).about("secret/board"),
          Optional.empty()).value();
      inflow.questions().delete(ANA, gone.id());

      assertThat(similar(inflow, BEN, "printer")).isEmpty();
      assertThat(similar(inflow, ANA, "printer")).containsExactly(secret.id());
      assertThat(similar(inflow, ANA, "pr")).isEmpty();
      assertThatThrownBy(() -> inflow.questions().similar(ANA, "printer", List.of(), 50))
          .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("limit"));
    }
  }

  @Test
  void editsAreFoundByTheirNewWords() {
    try (Inflow inflow = builder(TestDatabase.freshUrl()).build()) {
      Question q = ask(inflow, "Laptop battery", "", "hardware");
      inflow.questions().edit(ANA, q.id(), new QuestionEdit(Optional.of("Docking station flickers"), Optional.empty(), Optional.empty()),
          java.util.OptionalLong.empty());

      assertThat(similar(inflow, BEN, "docking station")).containsExactly(q.id());
      assertThat(similar(inflow, BEN, "laptop battery")).isEmpty();
    }
  }

  @Test
  void theSearchCatchesUpWithTheTableAfterARestartWhetherItsIndexIsStaleOrGone() throws Exception {
    String url = TestDatabase.freshUrl();
    String id;
    try (Inflow first = builder(url).build()) {
      id = ask(first, "Coffee machine broken", "", "facilities").id();
    }
    try (Inflow db = builder(url).build()) {
      // A change the index never saw, as after a crash between the commit and the index update.
      db.platform().db().transaction(sql -> sql.update("UPDATE inflow_question SET title = 'Espresso maker leaking',"
          + " search_seq = " + (TestDatabase.kind().equals("h2") ? "NEXT VALUE FOR inflow_question_search_seq" : "nextval('inflow_question_search_seq')")
          + " WHERE id = ?", Long.parseLong(id)));
    }
    try (Inflow again = builder(url).build()) {
      assertThat(similar(again, BEN, "espresso maker")).containsExactly(id);
      assertThat(similar(again, BEN, "coffee machine")).isEmpty();
    }
    if (TestDatabase.kind().equals("h2")) {
      java.nio.file.Path index = java.nio.file.Path.of(url.substring("jdbc:h2:file:".length()).split(";")[0] + ".similar");
      assertThat(index).isDirectory();
      try (var files = java.nio.file.Files.walk(index)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
      try (Inflow rebuilt = builder(url).build()) {
        assertThat(similar(rebuilt, BEN, "espresso")).containsExactly(id);
      }
    }
  }
}
