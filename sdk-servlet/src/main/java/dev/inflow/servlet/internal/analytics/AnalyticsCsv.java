package dev.inflow.servlet.internal.analytics;

import dev.inflow.core.analytics.AnalyticsSummary;
import dev.inflow.core.analytics.AnalyticsSummary.ExpertFigures;
import dev.inflow.core.analytics.AnalyticsSummary.QuestionFigures;
import dev.inflow.core.analytics.AnalyticsSummary.TagExperts;
import dev.inflow.core.analytics.AnalyticsSummary.TargetActivity;
import java.util.List;
import java.util.Optional;

/**
 * The analytics summary as one CSV table in long form (RFC 4180, CRLF line ends), so that every
 * figure of the JSON lands in a spreadsheet or BI tool without knowing its structure: one row per
 * figure, with the tag, target and person it belongs to.
 *
 * <p>Cells that a spreadsheet would run as a formula ({@code = + - @}, tab, carriage return at the
 * start) get a leading apostrophe: titles and names come from users.
 */
final class AnalyticsCsv {
  static final String HEADER = "section,tag,target_key,target_title,user_id,user_name,metric,value";

  private AnalyticsCsv() {}

  static String write(AnalyticsSummary s) {
    StringBuilder out = new StringBuilder(HEADER).append("\r\n");
    String tag = s.tag().orElse("");
    row(out, "period", tag, "", "", "", "", "from", s.from().toString());
    row(out, "period", tag, "", "", "", "", "to", s.to().toString());
    QuestionFigures q = s.questions();
    row(out, "questions", tag, "", "", "", "", "asked", q.asked());
    row(out, "questions", tag, "", "", "", "", "answered", q.answered());
    row(out, "questions", tag, "", "", "", "", "answer_rate", q.answerRate());
    row(out, "questions", tag, "", "", "", "", "median_seconds_to_first_answer", orEmpty(q.medianSecondsToFirstAnswer()));
    row(out, "questions", tag, "", "", "", "", "p90_seconds_to_first_answer", orEmpty(q.p90SecondsToFirstAnswer()));
    row(out, "questions", tag, "", "", "", "", "accepted", q.accepted());
    row(out, "questions", tag, "", "", "", "", "accepted_rate", q.acceptedRate());
    row(out, "questions", tag, "", "", "", "", "unanswered", q.unanswered());
    row(out, "questions", tag, "", "", "", "", "escalated", q.escalated());
    for (TagExperts t : s.topExperts()) {
      for (ExpertFigures e : t.experts()) {
        for (var figure : List.of(new Object[] {"answers", e.answers()}, new Object[] {"accepted", e.accepted()},
            new Object[] {"verified", e.verified()})) {
          row(out, "top_experts", t.tag(), "", "", e.user().id(), e.user().name(), (String) figure[0], figure[1]);
        }
      }
    }
    for (TargetActivity t : s.targets()) {
      row(out, "targets", "", t.targetKey(), t.title(), "", "", "comments", t.comments());
      row(out, "targets", "", t.targetKey(), t.title(), "", "", "questions", t.questions());
      row(out, "targets", "", t.targetKey(), t.title(), "", "", "active_users", t.activeUsers());
    }
    return out.toString();
  }

  private static Object orEmpty(Optional<Long> value) {
    return value.map(v -> (Object) v).orElse("");
  }

  private static void row(StringBuilder out, String section, String tag, String targetKey, String targetTitle, String userId,
      String userName, String metric, Object value) {
    String[] cells = {section, tag, targetKey, targetTitle, userId, userName, metric, String.valueOf(value)};
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(cell(cells[i], i == cells.length - 1 && value instanceof Number));
    }
    out.append("\r\n");
  }

  static String cell(String value, boolean number) {
    String v = value;
    if (!number && !v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
      v = "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }
}
