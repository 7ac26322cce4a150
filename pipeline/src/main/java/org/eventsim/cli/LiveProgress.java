package org.eventsim.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.eventsim.cli.ProgressProbe.LiveFigures;
import org.eventsim.model.Timestamps;

/**
 * The progress line of a live run, every 5 s on stderr: the simulated clock, how far behind
 * schedule publishing is, events published and the rate since the last line. Says nothing the
 * runner cannot tell, and does not repeat a line.
 */
final class LiveProgress implements ProgressLine {
  private static final long REPORT_EVERY = 5_000_000_000L;

  private final PrintStream err;
  private long nextReport;
  private long lastNanos;
  private long lastEvents;
  private LiveFigures lastShown;
  private double rate;

  LiveProgress(PrintStream err, long startedNanos) {
    this.err = err;
    this.nextReport = startedNanos + REPORT_EVERY;
    this.lastNanos = startedNanos;
  }

  @Override
  public void tick(long now, ProgressProbe probe) {
    if (now < nextReport) {
      return;
    }
    nextReport = now + REPORT_EVERY;
    LiveFigures f = probe.readLive();
    if (f == null || f.clockSeconds() == 0 || f.equals(lastShown)) {
      return; // nothing known yet, or no news since the last line
    }
    lastShown = f;
    // the runner refreshes its counters and gauges unevenly: the rate is taken between changes of
    // the count, so a stale count does not read as a stall
    if (f.eventsPublished() != lastEvents) {
      rate = (f.eventsPublished() - lastEvents) / Math.max((now - lastNanos) / 1e9, 1e-9);
      lastNanos = now;
      lastEvents = f.eventsPublished();
    }
    err.println(line(f, rate));
  }

  static String line(LiveFigures f, double eventsPerSecond) {
    return String.format(
        Locale.ROOT,
        "event-sim: live: simulated clock %s, %.1f s behind schedule, %,d events published (%,.0f events/s)",
        Timestamps.format(f.clockSeconds() * 1_000_000L).replaceAll("\\.0+Z$", "Z"),
        f.lagMillis() / 1000.0,
        f.eventsPublished(),
        eventsPerSecond);
  }
}
