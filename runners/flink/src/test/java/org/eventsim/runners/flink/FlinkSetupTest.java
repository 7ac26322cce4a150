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
