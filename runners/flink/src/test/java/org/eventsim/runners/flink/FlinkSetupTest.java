package org.eventsim.runners.flink;

import static org.hamcrest.MatcherAssert.assertThat;
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

/** The FlinkRunner's option checks, before anything is written. */
public class FlinkSetupTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private record Run(int code, String stderr) {}

  private static Run run(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        EventSimCli.run(
            args, new FlinkSetup(null), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), Clock.systemUTC());
    return new Run(code, err.toString(StandardCharsets.UTF_8));
  }

  /**
   * --flinkMaster is HOST:PORT (IPv6 in brackets too, which is then checked like any address) or
   * [auto] / [local]; --parallelism fits Flink embedded in the command or within --maxParallelism.
   * Each bad value exits 2 with one line naming the flag; an address where no cluster answers exits
   * 1 within the preflight's 10 s. Nothing is written.
   */
  @Test
  public void flinkMastersAndParallelismsThatUsedToEscapeAreRefused() {
    Path out = tmp.getRoot().toPath().resolve("out");
    String[][] usage = {
      {"--flinkMaster=localhost:99999", "--flinkMaster must be HOST:PORT of a Flink cluster's REST endpoint (a port from 1 to 65535), or [auto] / [local] for Flink embedded in this process, got 'localhost:99999'"},
      {"--flinkMaster=", "got ''"},
      {"--flinkMaster=[bogus]", "got '[bogus]'"},
      {"--flinkMaster=host:81/path", "got 'host:81/path'"},
      {"--parallelism=1000", "--parallelism 1000 is more than Flink embedded in this process runs (64)"},
      {"--maxParallelism=40000", "--maxParallelism must be -1 (Flink's default) or an integer from 1 to 32768 (Flink's limit), got '40000'"},
      {"--parallelism=0x10", "--parallelism must be an integer (32-bit), got '0x10'"},
    };
    for (String[] c : usage) {
      Run r = run("--out", out.toString(), "--n-orders", "10", c[0]);
      assertThat(c[0] + ": " + r.stderr(), r.code(), equalTo(2));
      assertThat(c[0], r.stderr().strip(), org.hamcrest.Matchers.containsString(c[1]));
      assertThat(c[0], r.stderr().strip().lines().count(), equalTo(1L));
      assertThat(c[0], Files.exists(out), equalTo(false));
    }
    Run r = run("--out", out.toString(), "--n-orders", "10", "--parallelism=4", "--maxParallelism=2");
    assertThat(r.code(), equalTo(2));
    assertThat(r.stderr().strip(), equalTo("event-sim: --parallelism 4 is more than --maxParallelism 2: a job's parallelism is at most its maximum parallelism"));
    r = run("--out", out.toString(), "--n-orders", "10", "--flinkMaster=[::1]:1");
    assertThat(r.code(), equalTo(1));
    assertThat(r.stderr().strip(), org.hamcrest.Matchers.startsWith("event-sim: --flinkMaster [::1]:1: no Flink cluster answers at http://[::1]:1/overview"));
    assertThat(Files.exists(out), equalTo(false));
  }

  @Test
  public void aParallelismOfZeroIsBadInput() {
    for (String option : new String[] {"parallelism", "maxParallelism"}) {
      Path out = tmp.getRoot().toPath().resolve("out");
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code =
          EventSimCli.run(
              new String[] {"--out", out.toString(), "--" + option + "=0"}, new FlinkSetup(null),
              new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8), Clock.systemUTC());
      assertThat(err.toString(StandardCharsets.UTF_8), code, equalTo(2));
      assertThat(
          err.toString(StandardCharsets.UTF_8).strip(),
          equalTo("event-sim: --" + option + " must be -1 (Flink's default) or an integer >= 1, got '0'"));
      assertThat(Files.exists(out), equalTo(false));
    }
  }
}
