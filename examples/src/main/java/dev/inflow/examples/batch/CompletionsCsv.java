package dev.inflow.examples.batch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an LMS export of course completions: CSV (RFC 4180: quoted fields, doubled quotes, CRLF
 * or LF) with a header row naming the columns {@code user_id}, {@code course_id},
 * {@code course_title}, {@code completed_at} and optionally {@code user_name} and
 * {@code course_url}, in any order. {@code completed_at} is an ISO instant or date (midnight UTC).
 * A row that cannot be read is reported with its line number, and the others are still read.
 */
public final class CompletionsCsv {
  private static final List<String> REQUIRED = List.of("user_id", "course_id", "course_title", "completed_at");

  /**
   * What the file held.
   *
   * @param completions the rows read, in file order
   * @param problems one line per row that could not be read, e.g. {@code line 7: completed_at 'yesterday' is not a date}
   */
  public record Result(List<Completion> completions, List<String> problems) {
    public Result {
      completions = List.copyOf(completions);
      problems = List.copyOf(problems);
    }
  }

  private CompletionsCsv() {}

  /**
   * @throws IOException when the reader fails
   * @throws IllegalArgumentException when the header lacks a required column
   */
  public static Result read(Reader input) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    parse(new BufferedReader(input), rows, lines);
    if (rows.isEmpty()) {
      return new Result(List.of(), List.of());
    }
    Map<String, Integer> columns = new HashMap<>();
    List<String> header = rows.get(0);
    for (int i = 0; i < header.size(); i++) {
      columns.put(header.get(i).strip().toLowerCase(Locale.ROOT).replace('\uFEFF', ' ').strip(), i);
    }
    for (String required : REQUIRED) {
      if (!columns.containsKey(required)) {
        throw new IllegalArgumentException("the header must name the columns " + REQUIRED + " (and may name user_name, course_url); it has " + header);
      }
    }
    List<Completion> completions = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (int r = 1; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      int line = lines.get(r);
      if (row.size() == 1 && row.get(0).isBlank()) {
        continue;
      }
      try {
        completions.add(new Completion(line, required(row, columns, "user_id"), optional(row, columns, "user_name"),
            required(row, columns, "course_id"), required(row, columns, "course_title"), optional(row, columns, "course_url"),
            instant(required(row, columns, "completed_at"))));
      } catch (IllegalArgumentException e) {
        problems.add("line " + line + ": " + e.getMessage());
      }
    }
    return new Result(completions, problems);
  }

  private static String required(List<String> row, Map<String, Integer> columns, String name) {
    return optional(row, columns, name).orElseThrow(() -> new IllegalArgumentException(name + " is empty"));
  }

  private static Optional<String> optional(List<String> row, Map<String, Integer> columns, String name) {
    Integer index = columns.get(name);
    if (index == null || index >= row.size()) {
      return Optional.empty();
    }
    String value = row.get(index).strip();
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  private static Instant instant(String value) {
    try {
      return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("completed_at '" + value + "' is not a date (2026-11-23) or instant (2026-11-23T09:15:00Z)");
    }
  }

  /** Splits the input into rows of fields, remembering the line each row starts on. */
  private static void parse(BufferedReader in, List<List<String>> rows, List<Integer> lines) throws IOException {
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    int line = 1;
    int rowLine = 1;
    for (int c; (c = in.read()) >= 0; ) {
      any = true;
      if (quoted) {
        if (c == '"') {
          in.mark(1);
          int next = in.read();
          if (next == '"') {
            field.append('"');
          } else {
            quoted = false;
            if (next >= 0) {
              in.reset();
            }
          }
        } else {
          if (c == '\n') {
            line++;
          }
          field.append((char) c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r') {
          in.mark(1);
          if (in.read() != '\n') {
            in.reset();
          }
        }
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        lines.add(rowLine);
        row = new ArrayList<>();
        line++;
        rowLine = line;
        any = false;
      } else {
        field.append((char) c);
      }
    }
    if (any) {
      row.add(field.toString());
      rows.add(row);
      lines.add(rowLine);
    }
  }
}
