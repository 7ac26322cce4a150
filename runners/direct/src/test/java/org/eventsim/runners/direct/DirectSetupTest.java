package org.eventsim.runners.direct;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.eventsim.cli.EventSimCli;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The DirectRunner's checks, before anything is written. */
public class DirectSetupTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static final long GB = 1L << 30;

  private record Run(int code, String stderr) {}

  private static Run run(DirectSetup setup, String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        EventSimCli.run(
            args, setup, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), Clock.systemUTC());
    return new Run(code, err.toString(StandardCharsets.UTF_8));
  }

  @Test
  public void aTargetParallelismBelowOneIsBadInput() {
    Path out = tmp.getRoot().toPath().resolve("out");
    Run r = run(new DirectSetup(null, "", 4 * GB, 16 * GB), "--out", out.toString(), "--targetParallelism=0");
    assertThat(r.stderr(), r.code(), equalTo(2));
    assertThat(r.stderr().strip(), equalTo("event-sim: --targetParallelism must be an integer >= 1, got '0'"));
    assertThat(Files.exists(out), equalTo(false));
  }

  /**
   * An increment's size is its days, not --n-orders: 31 days of 20,000 orders are 1.8 million
   * events. Chosen by size, the launcher is asked for embedded Flink; with --runner=DirectRunner
   * for the heap it needs (about 4.6 GB); without the launcher, the run is refused.
   */
  @Test
  public void anIncrementTooBigForTheHeapAsksTheLauncherForFlinkOrMoreHeapOrIsRefused() throws Exception {
    String[] backfill = {
      "--orders-per-day", "20000", "--start", "2026-01-01", "--ingest-dates", "2026-01-01..2026-01-31"
    };
    Path out = tmp.getRoot().toPath().resolve("out");
    Path request = tmp.newFile("restart").toPath();
    Run r = run(new DirectSetup(request.toString(), "heap,flink", GB, 16 * GB), concat(out, backfill));
    assertThat(r.code(), equalTo(1));
    assertThat(Files.readString(request).strip(), equalTo("runner=flink"));
    assertThat(r.stderr(), containsString("events: running on Flink embedded in this process"));
    assertThat(Files.exists(out), equalTo(false));

    r = run(new DirectSetup(request.toString(), "heap", GB, 16 * GB), concat(out, backfill));
    assertThat(r.code(), equalTo(1));
    String heap = Files.readString(request).strip();
    long mb = Long.parseLong(heap.substring("heap=".length()));
    assertThat(mb + " MB", mb > 4_000 && mb < 6_000, equalTo(true));
    assertThat(r.stderr(), containsString("starting again with -Xmx" + mb + "m"));
    assertThat(Files.exists(out), equalTo(false));

    r = run(new DirectSetup(null, "", GB, 16 * GB), concat(out, backfill));
    assertThat(r.code(), equalTo(1));
    assertThat(r.stderr(), containsString("and this JVM has 1.0 GB: run java with -Xmx" + mb + "m"));
    assertThat(Files.exists(out), equalTo(false));

    r = run(new DirectSetup(request.toString(), "heap", GB, 4 * GB), concat(out, backfill));
    assertThat(r.stderr(), containsString("more than 3/4 of this machine's 4.0 GB: use --runner=FlinkRunner"));
    assertThat(Files.exists(out), equalTo(false));
  }

  /**
   * The memory check holds for the biggest run the flags allow (10^15 orders over a century, which
   * once overflowed the check and ran out of memory instead): refused, naming the way out.
   */
  @Test
  public void theBiggestRunIsRefusedOnTheDirectRunnerNotAttempted() {
    Path out = tmp.getRoot().toPath().resolve("out");
    Run r =
        run(new DirectSetup(null, "", 4 * GB, 16 * GB), "--out", out.toString(), "--n-orders", "1000000000000000",
            "--runner=DirectRunner", "--span-days", "36500", "--start", "2026-01-01");
    assertThat(r.stderr(), r.code(), equalTo(1));
    assertThat(
        r.stderr().strip(),
        equalTo("event-sim: about 2,954,000,000,000,000 events need about 7,042,884,826.8 GB of heap on the"
            + " DirectRunner, more than 3/4 of this machine's 16.0 GB: use --runner=FlinkRunner, whose memory"
            + " does not grow with the run"));
    assertThat(Files.exists(out), equalTo(false));
  }

  private static String[] concat(Path out, String[] flags) {
    String[] args = new String[flags.length + 2];
    args[0] = "--out";
    args[1] = out.toString();
    System.arraycopy(flags, 0, args, 2, flags.length);
    return args;
  }
}
