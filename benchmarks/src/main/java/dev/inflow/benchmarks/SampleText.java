package dev.inflow.benchmarks;

import java.util.List;

/**
 * The texts the benchmarks post and seed: comments of the length and Markdown people write on an
 * intranet page (a sentence or three, some emphasis, a link, a list now and then), not "x".
 */
public final class SampleText {
  private SampleText() {}

  /** Comment bodies, 150 to 450 characters of Markdown. */
  public static final List<String> COMMENTS = List.of(
      "The VPN client needs the **new certificate** since Monday. If it still fails, remove the old profile first, "
          + "then import the one from the [IT portal](https://intranet.example.com/it/vpn). Took me five minutes.",
      "We tried this on the night shift and it works, with one caveat: the scanner in bay 3 drops the connection "
          + "when the order has more than 40 lines. Splitting the order avoids it until the firmware update lands.",
      "Short version for anyone landing here:\n\n- export the report as CSV, not XLSX\n- keep the header row\n"
          + "- upload it before 16:00 so finance sees it the same day\n\nThe long version is in the *quarter-end* checklist.",
      "Good point about the approval chain. In our team the cost centre owner signs first and procurement second; "
          + "doing it the other way round sends the request back to the start. Is that the same in Lyon?",
      "Thanks, this saved me an afternoon. One more thing worth knowing: the `--dry-run` flag prints what would be "
          + "deleted, so run it once before the real cleanup.");

  /** @return a display name for bench user number {@code i} */
  public static String name(int i) {
    String[] first = {"Ana", "Bruno", "Chen", "Dara", "Emeka", "Fatima", "Goran", "Hana", "Ivo", "Jules"};
    String[] last = {"Silva", "Novak", "Okafor", "Berg", "Moreau", "Tanaka", "Haddad", "Kowalski", "Rossi", "Dubois"};
    return first[i % first.length] + " " + last[(i / first.length) % last.length] + " " + i;
  }
}
