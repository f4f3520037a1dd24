package dev.inflow.core.internal.text;

import dev.inflow.core.InvalidInputException;
import java.util.Optional;

/**
 * Cleans text people type before it is stored: no control characters but line breaks and tabs,
 * no invisible bidirectional overrides (they make text read differently from what it is), no
 * leading or trailing blank space, and a length limit counted in characters a person sees.
 */
public final class TextInput {
  private TextInput() {}

  /**
   * @param field the JSON field name, for the error
   * @param value the input, may be null
   * @param maxChars longest allowed length in code points
   * @return the cleaned text
   * @throws InvalidInputException when missing, blank, or too long
   */
  public static String required(String field, String value, int maxChars) {
    String cleaned = clean(value, true);
    if (cleaned.isEmpty()) {
      throw new InvalidInputException(field, field + " is required and may not be blank");
    }
    requireLength(field, cleaned, maxChars);
    return cleaned;
  }

  /** Like {@link #required} for a single-line text (a title or name): line breaks become spaces. */
  public static String requiredLine(String field, String value, int maxChars) {
    String cleaned = clean(value, false);
    if (cleaned.isEmpty()) {
      throw new InvalidInputException(field, field + " is required and may not be blank");
    }
    requireLength(field, cleaned, maxChars);
    return cleaned;
  }

  /** @return the cleaned single-line text, or empty when null or blank */
  public static Optional<String> optionalLine(String field, String value, int maxChars) {
    String cleaned = clean(value, false);
    if (cleaned.isEmpty()) {
      return Optional.empty();
    }
    requireLength(field, cleaned, maxChars);
    return Optional.of(cleaned);
  }

  private static void requireLength(String field, String value, int maxChars) {
    int length = value.codePointCount(0, value.length());
    if (length > maxChars) {
      throw new InvalidInputException(field, field + " is at most " + maxChars + " characters (got " + length + ")");
    }
  }

  private static String clean(String value, boolean multiline) {
    if (value == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(value.length());
    value.codePoints().forEach(cp -> {
      if (cp == '\r') {
        return;
      }
      if (cp == '\n' || cp == '\t') {
        out.append(multiline ? (char) cp : ' ');
      } else if (!Character.isISOControl(cp) && !isBidiControl(cp) && cp != 0xFEFF) {
        out.appendCodePoint(cp);
      }
    });
    return out.toString().strip();
  }

  private static boolean isBidiControl(int cp) {
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F || cp == 0x061C;
  }
}
