package dev.inflow.core.comment;

import dev.inflow.core.InvalidInputException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The fixed set of reactions, as on GitHub. A user reacts at most once with each. Positive ones
 * raise a comment in the "top" order, 👎 lowers it.
 */
public enum Reaction {
  THUMBS_UP("👍", "+1", 1),
  THUMBS_DOWN("👎", "-1", -1),
  LAUGH("😄", "laugh", 1),
  HOORAY("🎉", "hooray", 1),
  CONFUSED("😕", "confused", 0),
  HEART("❤️", "heart", 1),
  ROCKET("🚀", "rocket", 1),
  EYES("👀", "eyes", 0);

  private final String emoji;
  private final String alias;
  private final int score;

  Reaction(String emoji, String alias, int score) {
    this.emoji = emoji;
    this.alias = alias;
    this.score = score;
  }

  /** @return the emoji, the key in {@link Comment#reactions()} */
  public String emoji() {
    return emoji;
  }

  /** @return the ASCII alias, usable in URLs: {@code +1}, {@code heart}, … */
  public String alias() {
    return alias;
  }

  /** @return what one reaction adds to a comment's "top" score */
  public int score() {
    return score;
  }

  /**
   * @param value an emoji (with or without variation selector) or its alias
   * @throws InvalidInputException when not one of the set
   */
  public static Reaction parse(String value) {
    if (value != null) {
      String v = value.strip().replace("\uFE0F", "");
      for (Reaction r : values()) {
        if (r.emoji.replace("\uFE0F", "").equals(v) || r.alias.equalsIgnoreCase(v)) {
          return r;
        }
      }
    }
    throw new InvalidInputException("emoji", "emoji is one of " + Arrays.stream(values()).map(Reaction::emoji).collect(Collectors.joining(" "))
        + " (or " + Arrays.stream(values()).map(Reaction::alias).collect(Collectors.joining(", ")) + ")");
  }
}
