package org.eventsim.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.eventsim.cli.ProgressProbe.Figures;

/**
 * The progress line on stderr, for runs longer than a few seconds: which phase the run is in —
 * generating, sorting and writing, finishing the files (or publishing), committing — with what is
 * done, a rate and an estimate of the phase's time left, from the figures of a {@link
 * ProgressProbe}. Says nothing it cannot measure: no line before there is progress to show, no line
 * that repeats the previous one.
 */
final class Progress implements ProgressLine {
  private static final long SECOND = 1_000_000_000L;
  private static final long FIRST_REPORT = 3 * SECOND;
  private static final long REPORT_EVERY = 5 * SECOND;
  private static final long POLL_EVERY = SECOND;

  private enum Phase {
    STARTING,
    GENERATING,
    SORTING,
    FINISHING,
    PUBLISHING,
    UNKNOWN
  }

  private final long totalOrders;
  private final boolean sorts;
  private final PrintStream err;
  private final long started;
  private long nextReport;
  private long nextPoll;
  private String lastLine;
  private Phase phase;
  private long phaseStartNanos;
  private long phaseStartDone;

  /**
   * @param totalOrders orders the run generates
   * @param sorts whether files are written (a sort follows generation), else only Kafka
   * @param startedNanos {@link System#nanoTime()} when the command started
   */
  Progress(long totalOrders, boolean sorts, PrintStream err, long startedNanos) {
    this.totalOrders = totalOrders;
    this.sorts = sorts;
    this.err = err;
    this.started = startedNanos;
    this.nextReport = startedNanos + FIRST_REPORT;
  }

  /**
   * Called often while the job runs: reads the figures about once a second (so that phases and
   * rates are measured between reports too) and prints a line when one is due and has news.
   */
  @Override
  public void tick(long now, ProgressProbe probe) {
    if (now < nextPoll) {
      return;
    }
    nextPoll = now + POLL_EVERY;
    String line = describe(now, probe.read());
    if (now < nextReport) {
      return;
    }
    nextReport = now + REPORT_EVERY;
    if (line != null && !line.equals(lastLine)) {
      err.println("event-sim: " + line);
      lastLine = line;
    }
  }

  /** The last phase: the run's results are being moved into place. Said only after progress lines. */
  void committing() {
    if (lastLine != null) {
      err.println("event-sim: committing: moving the answer key and stats.json into place");
    }
  }

  private String describe(long now, Figures f) {
    if (f == null) {
      enter(Phase.UNKNOWN, now, 0);
      return "running for " + seconds(now - started) + " (this runner reports no progress while it runs)";
    }
    boolean generated = f.generated() || f.ordersRead() >= totalOrders;
    if (f.ordersRead() == 0 && !generated) {
      enter(Phase.STARTING, now, 0);
      return "starting the runner";
    }
    if (!generated) {
      enter(Phase.GENERATING, now, f.ordersRead());
      return String.format(
          Locale.ROOT, "generating: %s (%,d of %,d orders)%s",
          percent(f.ordersRead(), totalOrders), f.ordersRead(), totalOrders,
          rateAndEta(now, f.ordersRead(), totalOrders, 1, "orders/s"));
    }
    if (!sorts) {
      enter(Phase.PUBLISHING, now, 0);
      return "publishing to Kafka: all " + String.format(Locale.ROOT, "%,d", totalOrders)
          + " orders generated, " + seconds(now - phaseStartNanos) + " in this phase";
    }
    boolean sorted = f.sorted() || (f.bytesToSort() > 0 && f.bytesSorted() >= f.bytesToSort());
    if (!sorted) {
      enter(Phase.SORTING, now, Math.max(0, f.bytesSorted()));
      long mb = 1 << 20;
      if (f.bytesSorted() <= 0) {
        return String.format(
            Locale.ROOT, "sorting and writing %,d MB of events (%s in this phase)",
            f.bytesToSort() / mb, seconds(now - phaseStartNanos));
      }
      return String.format(
          Locale.ROOT, "sorting and writing: %s (%,d of %,d MB)%s",
          percent(f.bytesSorted(), f.bytesToSort()), f.bytesSorted() / mb, f.bytesToSort() / mb,
          rateAndEta(now, f.bytesSorted(), f.bytesToSort(), mb, "MB/s"));
    }
    enter(Phase.FINISHING, now, 0);
    return "finishing the files: sorted, now making the events file and the date files ("
        + seconds(now - phaseStartNanos) + " in this phase)";
  }

  private void enter(Phase p, long now, long done) {
    if (phase != p) {
      phase = p;
      phaseStartNanos = now;
      phaseStartDone = done;
    }
  }

  /** {@code , 95,000 orders/s, about 6 s left}, from the progress since the phase began. */
  private String rateAndEta(long now, long done, long total, long unit, String rateUnit) {
    double secs = (now - phaseStartNanos) / (double) SECOND;
    long progressed = done - phaseStartDone;
    if (secs < 0.5 || progressed <= 0) {
      return "";
    }
    double rate = progressed / secs;
    long left = Math.round((total - done) / rate);
    return String.format(Locale.ROOT, ", %,.0f %s, about %s left", rate / unit, rateUnit, seconds(left * SECOND));
  }

  private static String percent(long done, long total) {
    return String.format(Locale.ROOT, "%d%%", total == 0 ? 100 : Math.min(99, 100 * done / total));
  }

  private static String seconds(long nanos) {
    long s = Math.max(0, Math.round(nanos / (double) SECOND));
    if (s < 120) {
      return s + " s";
    } else if (s < 2 * 3600) {
      return (s / 60) + " min";
    }
    return (s / 3600) + " h " + (s % 3600 / 60) + " min";
  }
}
