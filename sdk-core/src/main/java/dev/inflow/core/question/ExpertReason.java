package dev.inflow.core.question;

import java.util.Objects;
import java.util.Optional;

/**
 * Why someone counts as an expert.
 *
 * @param kind {@code declared} (in their profile, the host's directory, or set by an
 *     administrator), {@code accepted}, {@code verified} or {@code upvoted} (answers)
 * @param tag the tag it is about
 * @param count how many answers (or up votes); 0 for {@code declared}
 * @param source for {@code declared}: {@code profile}, {@code directory} or {@code admin}
 * @param text the reason in words, e.g. "3 accepted answers on vpn"
 */
public record ExpertReason(String kind, String tag, int count, Optional<String> source, String text) {
  public ExpertReason {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(text, "text");
  }
}
