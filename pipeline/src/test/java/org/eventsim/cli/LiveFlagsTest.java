package org.eventsim.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/**
 * Bad live-mode input stops the command before it contacts anything: exit 2 and one line on
 * stderr, naming the flag.
 */
public class LiveFlagsTest {
  private static final String[] LIVE = {
    "--live", "--kafka-bootstrap", "127.0.0.1:1", "--orders-per-day", "10", "--start", "2026-01-01T00:00:00Z"
  };

  @Test
  public void eachBadLiveInputIsRejectedNamingItsFlag() {
    assertRejected(List.of("--live", "--orders-per-day", "10", "--start", "2026-01-01"),
        "event-sim: --live needs --kafka-bootstrap");
    assertRejected(List.of("--live", "--kafka-bootstrap", "127.0.0.1:1", "--start", "2026-01-01"),
        "event-sim: --live needs --orders-per-day");
    assertRejected(List.of("--live", "--kafka-bootstrap", "127.0.0.1:1", "--orders-per-day", "10"),
        "event-sim: --live needs --start");
    for (String speed : List.of("0", "-2", "NaN", "inf")) {
      assertRejected(live("--speed", speed), "event-sim: --speed must be a number > 0");
    }
    assertRejected(live("--until", "2025-12-31"), "event-sim: --until 2025-12-31 is not after --start");
    assertRejected(live("--until", "2026-01-01T00:00:00Z"), "event-sim: --until 2026-01-01T00:00:00Z is not after --start");
    assertRejected(live("--until", "soon"), "event-sim: --until must be an instant");
    for (String[] batchOnly : new String[][] {
        {"--n-orders", "5"}, {"--first-order", "5"}, {"--ingest-date", "2026-01-02"},
        {"--ingest-dates", "2026-01-02..2026-01-03"}, {"--out", "/tmp/x"}}) {
      assertRejected(live(batchOnly), "event-sim: --live cannot be combined with " + batchOnly[0]);
    }
    assertRejected(List.of("--out", "/tmp/x", "--speed", "10"), "event-sim: --speed applies to --live only");
    assertRejected(List.of("--out", "/tmp/x", "--until", "2026-01-02"), "event-sim: --until applies to --live only");
  }

  private static List<String> live(String... extra) {
    List<String> args = new ArrayList<>(List.of(LIVE));
    args.addAll(List.of(extra));
    return args;
  }

  private static void assertRejected(List<String> args, String message) {
    CliRun run = CliRun.of(args.toArray(new String[0]));
    assertThat(String.join(" ", args), run.exitCode(), equalTo(2));
    assertThat(run.stderr(), startsWith(message));
    assertThat(run.stderr(), run.stderr().strip().lines().count(), equalTo(1L));
  }
}
