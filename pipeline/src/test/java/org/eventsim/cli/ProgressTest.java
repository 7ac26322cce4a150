package org.eventsim.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eventsim.cli.ProgressProbe.Figures;
import org.junit.Test;

/** The progress line from scripted figures, on a simulated clock. */
public class ProgressTest {
  private static final long S = 1_000_000_000L;

  /** Feeds {@code figures[i]} at second i + 1 of the run and returns the lines printed. */
  private static List<String> lines(boolean sorts, long totalOrders, Figures... figures) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Progress progress = new Progress(totalOrders, sorts, err, 0);
    for (int i = 0; i < figures.length; i++) {
      Figures f = figures[i];
      progress.tick((i + 1) * S, () -> f);
    }
    progress.committing();
    String out = bytes.toString(StandardCharsets.UTF_8);
    return out.isEmpty() ? List.of() : List.of(out.split("\n"));
  }

  private static Figures orders(long n) {
    return new Figures(n, false, 0, 0, false);
  }

  @Test
  public void aShortRunPrintsNothing() {
    assertThat(lines(true, 1000, orders(500), orders(1000)), empty());
  }

  @Test
  public void phasesInOrderWithRatesAndEtasAndNoRepeats() {
    long mb = 1 << 20;
    List<String> lines =
        lines(
            true,
            1_000_000,
            orders(0), orders(0), orders(0), // seconds 1-3: the runner starts
            orders(100_000), orders(200_000), orders(300_000), orders(400_000), orders(500_000),
            orders(600_000), orders(700_000), orders(800_000), // second 11
            new Figures(1_000_000, false, 100 * mb, 0, false),
            new Figures(1_000_000, false, 100 * mb, 10 * mb, false),
            new Figures(1_000_000, false, 100 * mb, 20 * mb, false),
            new Figures(1_000_000, false, 100 * mb, 30 * mb, false),
            new Figures(1_000_000, false, 100 * mb, 40 * mb, false), // second 16
            new Figures(1_000_000, false, 100 * mb, 50 * mb, false),
            new Figures(1_000_000, false, 100 * mb, 100 * mb, false),
            new Figures(1_000_000, false, 100 * mb, 100 * mb, false),
            new Figures(1_000_000, false, 100 * mb, 100 * mb, false),
            new Figures(1_000_000, false, 100 * mb, 100 * mb, false),
            new Figures(1_000_000, false, 100 * mb, 100 * mb, false)); // second 22
    assertThat(
        lines,
        contains(
            equalTo("event-sim: starting the runner"),
            equalTo("event-sim: generating: 50% (500,000 of 1,000,000 orders), 100,000 orders/s, about 5 s left"),
            equalTo("event-sim: sorting and writing: 10% (10 of 100 MB), 10 MB/s, about 9 s left"),
            equalTo("event-sim: finishing the files: sorted, now making the events file and the date files (0 s in this phase)"),
            equalTo("event-sim: committing: moving the answer key and stats.json into place")));
  }

  @Test
  public void aRunnerThatReportsNothingIsSaidOnceAndOnlyKafkaIsPublishing() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Progress progress = new Progress(10, false, new PrintStream(bytes, true, StandardCharsets.UTF_8), 0);
    progress.tick(4 * S, () -> null);
    progress.tick(10 * S, () -> new Figures(10, true, 0, 0, false));
    assertThat(
        bytes.toString(StandardCharsets.UTF_8).split("\n"),
        equalTo(
            new String[] {
              "event-sim: running for 4 s (this runner reports no progress while it runs)",
              "event-sim: publishing to Kafka: all 10 orders generated, 0 s in this phase"
            }));
  }

  /**
   * A live run's line every 5 s: clock, lag, events and the rate between changes of the count; a
   * stale count keeps the last rate, and a line with no news is not printed.
   */
  @Test
  public void aLiveRunShowsItsClockLagAndRate() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    LiveProgress progress = new LiveProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), 0);
    long clock = java.time.Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
    ProgressProbe.LiveFigures[] seen = {
      new ProgressProbe.LiveFigures(50_000, clock + 18_000, 120),
      new ProgressProbe.LiveFigures(50_000, clock + 36_000, 0),
      new ProgressProbe.LiveFigures(50_000, clock + 36_000, 0),
      new ProgressProbe.LiveFigures(150_000, clock + 54_000, 1500),
    };
    for (int i = 0; i < seen.length; i++) {
      ProgressProbe.LiveFigures f = seen[i];
      progress.tick((i + 1) * 5 * S, new ProgressProbe() {
        @Override
        public Figures read() {
          return null;
        }

        @Override
        public LiveFigures readLive() {
          return f;
        }
      });
    }
    assertThat(List.of(bytes.toString(StandardCharsets.UTF_8).split("\n")), contains(
        "event-sim: live: simulated clock 2026-01-01T05:00:00Z, 0.1 s behind schedule, 50,000 events published (10,000 events/s)",
        "event-sim: live: simulated clock 2026-01-01T10:00:00Z, 0.0 s behind schedule, 50,000 events published (10,000 events/s)",
        "event-sim: live: simulated clock 2026-01-01T15:00:00Z, 1.5 s behind schedule, 150,000 events published (6,667 events/s)"));
  }
}
