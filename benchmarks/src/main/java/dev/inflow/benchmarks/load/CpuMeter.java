package dev.inflow.benchmarks.load;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Where the machine's CPU went during a phase, from {@code /proc}: the server JVM, the database
 * server (PostgreSQL's postmaster and its backends; H2 runs inside the server JVM), the load
 * generator (this JVM plus the wrk processes it waited for), and everything else on the machine
 * (other people's builds on a shared box). CPU time per request is much steadier than requests
 * per second when neighbours come and go, so the report shows both.
 *
 * <p>Linux only. Thread-safe (stateless between snapshots).
 */
public final class CpuMeter {
  private static final double TICKS = 100.0; // USER_HZ, 100 on every Linux this runs on

  /** CPU seconds by consumer between two snapshots, and the wall time between them. */
  public record Usage(double server, double database, double load, double other, double idle, double wall) {
    /** @return the share of the machine's CPU time, e.g. 0.45 */
    public double share(double seconds) {
      double total = server + database + load + other + idle;
      return total == 0 ? 0 : seconds / total;
    }

    /** @return a one-line summary in cores (2.0 = both cores of a two-core machine busy) */
    public String describe() {
      return String.format(Locale.ROOT, "server %.2f, database %.2f, load generator %.2f, others %.2f, idle %.2f cores",
          server / wall, database / wall, load / wall, other / wall, idle / wall);
    }
  }

  /** CPU seconds as counted at one moment. */
  public record Snapshot(double server, double database, double load, double busy, double idle, long nanos) {
    /** @return the usage from {@code earlier} to this snapshot */
    public Usage since(Snapshot earlier) {
      double s = server - earlier.server;
      double d = database - earlier.database;
      double l = load - earlier.load;
      double other = Math.max(0, (busy - earlier.busy) - s - d - l);
      return new Usage(s, d, l, other, idle - earlier.idle, (nanos - earlier.nanos) / 1e9);
    }
  }

  private final long serverPid;
  private final OptionalLong postmasterPid;

  /**
   * @param serverPid the measured server JVM
   * @param postmasterPid PostgreSQL's postmaster, whose children are its backends; empty for H2
   */
  public CpuMeter(long serverPid, OptionalLong postmasterPid) {
    this.serverPid = serverPid;
    this.postmasterPid = postmasterPid;
  }

  public Snapshot snapshot() {
    double server = seconds(serverPid, false);
    double database = 0;
    if (postmasterPid.isPresent()) {
      long postmaster = postmasterPid.getAsLong();
      database = seconds(postmaster, false);
      try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
        for (Path proc : procs) {
          String[] stat = stat(Long.parseLong(proc.getFileName().toString()));
          if (stat != null && Long.parseLong(stat[3]) == postmaster) {
            database += (Long.parseLong(stat[13]) + Long.parseLong(stat[14])) / TICKS;
          }
        }
      } catch (IOException e) {
        database = Double.NaN;
      }
    }
    double load = seconds(ProcessHandle.current().pid(), true);
    double busy = 0;
    double idle = 0;
    try {
      String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      // user nice system idle iowait irq softirq steal
      for (int i = 1; i <= 8 && i < cpu.length; i++) {
        double v = Long.parseLong(cpu[i]) / TICKS;
        if (i == 4 || i == 5) {
          idle += v;
        } else {
          busy += v;
        }
      }
    } catch (IOException e) {
      busy = Double.NaN;
    }
    return new Snapshot(server, database, load, busy, idle, System.nanoTime());
  }

  /** @return user + system seconds of the process, plus those of its waited-for children if asked */
  private static double seconds(long pid, boolean withChildren) {
    String[] stat = stat(pid);
    if (stat == null) {
      return 0;
    }
    long ticks = Long.parseLong(stat[13]) + Long.parseLong(stat[14]);
    if (withChildren) {
      ticks += Long.parseLong(stat[15]) + Long.parseLong(stat[16]);
    }
    return ticks / TICKS;
  }

  /** @return the fields of /proc/pid/stat, index 0 = pid (the command name, which may hold spaces, is skipped) */
  private static String[] stat(long pid) {
    try {
      String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      int close = line.lastIndexOf(')');
      String[] rest = line.substring(close + 2).split(" ");
      String[] fields = new String[rest.length + 2];
      fields[0] = Long.toString(pid);
      fields[1] = "";
      System.arraycopy(rest, 0, fields, 2, rest.length);
      return fields;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
