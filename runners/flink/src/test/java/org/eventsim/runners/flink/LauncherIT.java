package org.eventsim.runners.flink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.eventsim.testing.Processes;
import org.eventsim.testing.OutputDigests;
import org.eventsim.testing.Processes.Result;
import org.eventsim.testing.Waits;
import java.time.Duration;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The {@code ./event-sim} launcher choosing the engine by the run's size, with both jars built: the
 * README's "Running it every day" examples as written but for the folder.
 */
public class LauncherIT {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static final Path ROOT = Path.of(System.getProperty("eventsim.root")).toAbsolutePath().normalize();
  private static final Path FLINK_JAR = Path.of(System.getProperty("eventsim.flinkJar"));
  private static final List<String> MODEL =
      List.of("--orders-per-day", "20000", "--start", "2026-01-01", "--seed", "42", "--late-rate", "0.06",
          "--duplicate-rate", "0.01");

  /**
   * The backfill of a month at 20,000 orders a day (1.8 million events) goes to Flink embedded in
   * the launcher's process; the daily run of one day (about 60,000 events) stays on the
   * DirectRunner, and rewrites that day's file in the same landing folder with the same bytes.
   */
  @Test
  public void theBackfillRunsOnFlinkAndTheDailyRunOnTheDirectRunnerWithTheSameBytes() throws Exception {
    Path landing = tmp.newFolder("landing").toPath();
    Result r = launch(landing, "--ingest-dates", "2026-01-01..2026-01-31");
    assertThat(r.stderr(), r.code(), equalTo(0));
    assertThat(r.stderr(), not(containsString("building")));
    JsonNode summary = new ObjectMapper().readTree(r.lastStdoutLine());
    assertThat(summary.get("runner").asText(), equalTo("FlinkRunner"));
    assertThat(summary.get("runner_chosen_by").asText(), equalTo("size"));
    assertThat(summary.get("events").asLong() > 1_700_000, equalTo(true));
    Path day = landing.resolve("events_by_ingest_date/2026-01-15.ndjson");
    byte[] fromBackfill = Files.readAllBytes(day);
    try (Stream<Path> files = Files.list(landing.resolve("events_by_ingest_date"))) {
      assertThat(files.count(), equalTo(31L));
    }

    r = launch(landing, "--ingest-date", "2026-01-15");
    assertThat(r.stderr(), r.code(), equalTo(0));
    summary = new ObjectMapper().readTree(r.lastStdoutLine());
    assertThat(summary.get("runner").asText(), equalTo("DirectRunner"));
    assertThat(Files.readAllBytes(day), equalTo(fromBackfill));
  }

  /** A runner named on the command line is kept, whatever the size. */
  @Test
  public void aRunnerNamedOnTheCommandLineIsKept() throws Exception {
    Path out = tmp.newFolder().toPath();
    Result r = launch(out, "--ingest-dates", "2026-01-01..2026-01-03", "--runner=FlinkRunner");
    assertThat(r.stderr(), r.code(), equalTo(0));
    JsonNode summary = new ObjectMapper().readTree(r.lastStdoutLine());
    assertThat(summary.get("runner").asText(), equalTo("FlinkRunner"));
    assertThat(summary.get("runner_chosen_by").asText(), equalTo("--runner"));
  }

  /**
   * A runner's own options name it: --targetParallelism keeps a run of 1.2 million events on the
   * DirectRunner (whose jar alone has that option), --flinkMaster sends a small one to Flink.
   */
  @Test
  public void aRunnersOwnOptionsNameIt() throws Exception {
    Path out = tmp.newFolder().toPath();
    Result r =
        Processes.run(
            List.of(ROOT.resolve("event-sim").toString(), "--out", out.toString(), "--n-orders", "400000",
                "--targetParallelism=2"),
            10);
    assertThat(r.stderr(), r.code(), equalTo(0));
    assertThat(new ObjectMapper().readTree(r.lastStdoutLine()).get("runner").asText(), equalTo("DirectRunner"));

    r = Processes.run(
        List.of(ROOT.resolve("event-sim").toString(), "--out", out.resolve("never").toString(), "--n-orders", "10",
            "--flinkMaster=127.0.0.1:1"),
        2);
    assertThat(r.code(), equalTo(1));
    assertThat(r.stderr(), containsString("--flinkMaster 127.0.0.1:1: no Flink cluster answers"));
  }

  /**
   * SIGTERM to the launcher stops a batch run on Flink embedded within seconds: the job is
   * cancelled, nothing is committed (the previous run is as it was), the lease is given up and no
   * JVM is left.
   */
  @Test
  public void sigtermStopsAFlinkRunWithoutCommitting() throws Exception {
    Path out = tmp.newFolder().toPath();
    Result first = Processes.run(List.of(ROOT.resolve("event-sim").toString(), "--out", out.toString(), "--n-orders", "100"), 5);
    assertThat(first.stderr(), first.code(), equalTo(0));
    Map<String, String> complete = OutputDigests.of(out);
    try (Processes.Running r =
        Processes.start(List.of(ROOT.resolve("event-sim").toString(), "--out", out.toString(), "--n-orders", "1000000",
            "--runner=FlinkRunner"))) {
      Waits.until("the run generates", Duration.ofMinutes(2), () -> r.stderr().contains("event-sim: generating: "));
      List<ProcessHandle> jvms = r.process().descendants().toList();
      assertThat(Processes.run(List.of("kill", "-TERM", Long.toString(r.pid())), 1).code(), equalTo(0));
      Result ended = r.finish(Duration.ofSeconds(30));
      assertThat(ended.stderr(), ended.code(), equalTo(143));
      assertThat(ended.stderr(), containsString("event-sim: SIGTERM: stopping the run; nothing is committed"));
      assertThat(ended.stderr(), not(containsString("JobCancellationException")));
      Waits.until("no JVM of the run is left", Duration.ofSeconds(10), () -> jvms.stream().noneMatch(ProcessHandle::isAlive));
    }
    assertThat(OutputDigests.of(out), equalTo(complete));
  }

  /**
   * The runner as Beam reads --runner (any case, with or without "Runner"), and a runner's own
   * option given with the other runner named, refused before anything starts.
   */
  @Test
  public void theLauncherReadsTheRunnerAsBeamDoes() throws Exception {
    Path out = tmp.newFolder().toPath();
    Result r = Processes.run(List.of(ROOT.resolve("event-sim").toString(), "--out", out.toString(), "--n-orders", "100",
        "--runner=flinkrunner"), 5);
    assertThat(r.stderr(), r.code(), equalTo(0));
    JsonNode summary = new ObjectMapper().readTree(r.lastStdoutLine());
    assertThat(summary.get("runner").asText(), equalTo("FlinkRunner"));
    assertThat(summary.get("runner_chosen_by").asText(), equalTo("--runner"));
    r = Processes.run(List.of(ROOT.resolve("event-sim").toString(), "--out", out.toString(), "--n-orders", "100",
        "--parallelism=1"), 5);
    assertThat(r.stderr(), r.code(), equalTo(0));
    assertThat(new ObjectMapper().readTree(r.lastStdoutLine()).get("runner_chosen_by").asText(), equalTo("--parallelism"));

    Path never = tmp.getRoot().toPath().resolve("never");
    r = Processes.run(List.of(ROOT.resolve("event-sim").toString(), "--out", never.toString(), "--runner=FlinkRunner",
        "--targetParallelism=2"), 1);
    assertThat(r.code(), equalTo(2));
    assertThat(r.stderr().strip(), equalTo("event-sim: --targetParallelism is an option of the DirectRunner; it cannot be"
        + " combined with --runner=FlinkRunner (the FlinkRunner's parallelism is --parallelism)"));
    r = Processes.run(Processes.javaJar(FLINK_JAR, List.of(), "--out", never.toString(), "--runner=DirectRunner"), 1);
    assertThat(r.code(), equalTo(2));
    assertThat(r.stderr().strip(), containsString("--runner=DirectRunner: not a runner of this jar, which carries the FlinkRunner"));
    assertThat(Files.exists(never), equalTo(false));
  }

  private static Result launch(Path out, String... flags) throws Exception {
    List<String> command = new ArrayList<>(List.of(ROOT.resolve("event-sim").toString(), "--out", out.toString()));
    command.addAll(MODEL);
    command.addAll(List.of(flags));
    return Processes.run(command, 10);
  }
}
