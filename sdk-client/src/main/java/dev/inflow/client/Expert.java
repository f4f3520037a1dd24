package dev.inflow.client;

import java.util.List;
import java.util.Objects;

/**
 * A person in the experts directory, with why they rank where they do.
 *
 * @param user who
 * @param declaredTags the expertise they declared (or their host declared for them); unmodifiable
 * @param score their rank for the tag asked about (or overall), higher first
 * @param reasons why: declared, accepted, verified or up-voted answers per tag; unmodifiable
 * @param away whether they asked not to be routed questions for now
 * @param openQuestions questions routed to them that are still open
 */
public record Expert(Author user, List<String> declaredTags, double score, List<Reason> reasons, boolean away, int openQuestions) {
  /** @throws NullPointerException when a component is null */
  public Expert {
    Objects.requireNonNull(user, "user");
    declaredTags = List.copyOf(declaredTags);
    reasons = List.copyOf(reasons);
  }

  /**
   * One reason for an expert's rank.
   *
   * @param kind {@code declared}, {@code accepted}, {@code verified} or {@code upvoted}
   * @param tag the tag it counts for
   * @param count how many (answers, votes); 1 for declared
   * @param text an English sentence for people, e.g. "3 accepted answers on vpn"
   */
  public record Reason(String kind, String tag, int count, String text) {
    /** @throws NullPointerException when a component is null */
    public Reason {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(tag, "tag");
      Objects.requireNonNull(text, "text");
    }
  }
}
