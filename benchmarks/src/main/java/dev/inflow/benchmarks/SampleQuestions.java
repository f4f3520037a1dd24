package dev.inflow.benchmarks;

import java.util.List;

/**
 * Questions for the similar-question benchmark: workplace questions composed from a vocabulary of
 * subjects, troubles and situations, so that 100,000 of them differ the way an intranet's do (many
 * share common words, few share a subject and a trouble), and look-ups as a colleague would type
 * them. Deterministic: question {@code i} is the same in every run.
 */
public final class SampleQuestions {
  private SampleQuestions() {}

  /** One generated question. */
  public record Question(String title, String body, List<String> tags) {}

  private static final String[][] SUBJECTS = {
      {"the VPN client", "vpn"}, {"Secure Connect", "vpn"}, {"my laptop", "hardware"}, {"the docking station", "hardware"},
      {"the second monitor", "hardware"}, {"Outlook", "email"}, {"the shared mailbox", "email"}, {"Teams", "collaboration"},
      {"the wiki", "collaboration"}, {"the expense report", "expenses"}, {"the travel booking", "travel"},
      {"the hotel reservation", "travel"}, {"the per diem", "travel"}, {"the payroll portal", "payroll"},
      {"my payslip", "payroll"}, {"the holiday request", "hr"}, {"the parental leave form", "hr"},
      {"the onboarding checklist", "hr"}, {"the purchase order", "procurement"}, {"the supplier invoice", "procurement"},
      {"the CRM", "sales"}, {"the quote template", "sales"}, {"the build pipeline", "java"}, {"the Maven build", "java"},
      {"the integration tests", "java"}, {"the staging database", "databases"}, {"the PostgreSQL replica", "databases"},
      {"the printer on floor 3", "facilities"}, {"the meeting room booking", "facilities"}, {"the badge reader", "security"},
      {"the password reset", "security"}, {"two-factor sign-in", "security"}, {"the warehouse scanner", "logistics"},
      {"the delivery schedule", "logistics"}, {"the course enrolment", "learning"}, {"the certification exam", "learning"},
      {"the customer survey", "support"}, {"the ticket queue", "support"}, {"the sales forecast", "finance"},
      {"the quarter-end close", "finance"}};
  private static final String[] TROUBLES = {
      "keeps disconnecting", "is very slow", "asks for my password again", "shows an error after the update",
      "does not sync", "rejects my changes", "is missing entries", "cannot be opened", "needs an approval I cannot find",
      "times out", "sends duplicate notifications", "fails on Mondays", "ignores the new settings", "crashes on start",
      "is blocked by the firewall", "shows the wrong totals", "lost my draft", "has the wrong cost centre",
      "does not accept the receipt", "cannot find the template"};
  private static final String[] SITUATIONS = {
      "on hotel Wi-Fi", "when working from home", "since the migration", "for new starters", "in the Lyon office",
      "on the night shift", "with a German keyboard", "after the holidays", "for contractors", "on my phone",
      "before the deadline", "in the customer's network", "for orders over 40 lines", "at quarter end", "on the train"};
  private static final String[] OPENINGS = {"Why", "How can I fix it when", "What do I do when", "Is it normal that",
      "Who can help when"};

  /** Look-ups as people type them: a subject and a trouble in other words, sometimes with a typo-free fragment. */
  public static final List<String> LOOKUPS = List.of(
      "vpn drops on hotel wifi", "laptop slow after update", "outlook shared mailbox not syncing",
      "expense report receipt rejected", "holiday request approval missing", "maven build times out",
      "printer floor 3 error", "password reset asks again", "payslip wrong totals", "purchase order cost centre wrong",
      "course enrolment for new starters", "warehouse scanner orders over 40 lines", "teams notifications duplicate",
      "postgresql replica slow", "travel booking per diem question", "two-factor sign in on my phone");

  /** @return question number {@code i} */
  public static Question question(int i) {
    String[] subject = SUBJECTS[i % SUBJECTS.length];
    String trouble = TROUBLES[(i / SUBJECTS.length) % TROUBLES.length];
    String situation = SITUATIONS[(i / (SUBJECTS.length * TROUBLES.length)) % SITUATIONS.length];
    String opening = OPENINGS[(i / 7) % OPENINGS.length];
    String title = opening + " " + subject[0] + " " + trouble + " " + situation + "? (#" + i + ")";
    String body = "Since this week " + subject[0] + " " + trouble + " " + situation + ". "
        + SampleText.COMMENTS.get(i % SampleText.COMMENTS.size());
    String second = SUBJECTS[(i * 31 + 7) % SUBJECTS.length][1];
    return new Question(title, body, second.equals(subject[1]) ? List.of(subject[1]) : List.of(subject[1], second));
  }
}
