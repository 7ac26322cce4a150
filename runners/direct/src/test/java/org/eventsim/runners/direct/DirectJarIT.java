package org.eventsim.runners.direct;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eventsim.testing.OutputDigests;
import org.eventsim.testing.Processes;
import org.eventsim.testing.Processes.Result;
import org.eventsim.testing.Waits;
import java.time.Duration;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The command as users run it: the shaded jar and the ./event-sim launcher in their own processes,
 * with real exit codes, and a run killed with SIGKILL part-way.
 */
public class DirectJarIT {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static final Path JAR = Path.of(System.getProperty("eventsim.jar"));
  private static final Path ROOT = Path.of(System.getProperty("eventsim.root")).toAbsolutePath().normalize();

  @Test
  public void launcherRunsTheDefaultCommandAndReportsOnStdout() throws Exception {
    Path out = tmp.newFolder().toPath();
    Result r = run(List.of(ROOT.resolve("event-sim").toString(), "--out", out.toString(), "--n-orders", "5000", "--seed", "42"));
    assertThat(r.stderr(), r.code(), equalTo(0));
    assertThat(r.lastStdoutLine(), startsWith("{\"status\":\"ok\",\"runner\":\"DirectRunner\",\"runner_chosen_by\":\"size\",\"orders\":5000,"));
    assertThat(Files.exists(out.resolve("stats.json")), equalTo(true));
  }

  /**
   * A run the launcher keeps on the DirectRunner (under a million events) but that needs more than
   * its first heap asks for that heap before writing anything and is started again with it.
   */
  @Test
  public void theLauncherStartsARunAgainWithTheHeapItNeeds() throws Exception {
    Path out = tmp.newFolder().toPath();
    Result r = run(List.of(ROOT.resolve("event-sim").toString(), "--out", out.toString(), "--n-orders", "200000"));
    assertThat(r.stderr(), r.code(), equalTo(0));
    assertThat(r.stderr(), containsString("starting again with -Xmx"));
    JsonNode summary = new ObjectMapper().readTree(r.lastStdoutLine());
    assertThat(summary.get("runner").asText(), equalTo("DirectRunner"));
    assertThat(summary.get("runner_chosen_by").asText(), equalTo("size"));
    assertThat(summary.get("orders").asLong(), equalTo(200_000L));
  }

  /** Beam's own options are bad input too, checked before anything is written. */
  @Test
  public void aBadBeamOptionExitsTwoNamingItAndWritesNothing() throws Exception {
    Path out = tmp.getRoot().toPath().resolve("not-created-either");
    Result r = run(java("--out", out.toString(), "--n-orders", "100", "--targetParallelism=0"));
    assertThat(r.code(), equalTo(2));
    assertThat(r.stderr().strip(), equalTo("event-sim: --targetParallelism must be an integer >= 1, got '0'"));
    assertThat(Files.exists(out), equalTo(false));
  }

  /** A heap too small for the run is refused before anything is written, saying what to ask for. */
  @Test
  public void aHeapTooSmallForTheRunIsRefusedUpFront() throws Exception {
    Path out = tmp.getRoot().toPath().resolve("not-created-by-a-small-heap");
    Result r =
        Processes.run(
            Processes.javaJar(JAR, List.of("-Xmx256m"), "--out", out.toString(), "--n-orders", "200000"), 2);
    assertThat(r.code(), equalTo(1));
    assertThat(r.stderr().strip(), containsString("events need about 1.5 GB of heap on the DirectRunner, and this JVM has 0.3 GB"));
    assertThat(r.stderr().strip(), containsString("run java with -Xmx"));
    assertThat(r.stderr().strip().lines().count(), equalTo(1L));
    assertThat(Files.exists(out), equalTo(false));
  }

  @Test
  public void badInputExitsTwoWithOneLineAndWritesNothing() throws Exception {
    Path out = tmp.getRoot().toPath().resolve("not-created");
    Result r = run(java("--out", out.toString(), "--late-rate", "7"));
    assertThat(r.code(), equalTo(2));
    assertThat(r.stderr().strip(), equalTo("event-sim: --late-rate must be a number within [0, 1], got '7'"));
    assertThat(r.stdout(), equalTo(""));
    assertThat(Files.exists(out), equalTo(false));
  }

  /**
   * A run killed (SIGKILL) part-way over a complete earlier run leaves the earlier run's files and
   * stats.json as they were, during the run and after; the next run takes the folder over at once
   * (the killed run's process is gone from this host) and leaves a complete folder with nothing but
   * the outputs in it.
   */
  @Test
  public void aKilledRunLeavesThePreviousRunAsItWasAndTheNextRunTakesOver() throws Exception {
    Path out = tmp.newFolder().toPath();
    Result first = run(java("--out", out.toString(), "--n-orders", "100"));
    assertThat(first.stderr(), first.code(), equalTo(0));
    Map<String, String> complete = OutputDigests.outputsOf(out);

    Process p =
        new ProcessBuilder(java("--out", out.toString(), "--n-orders", "400000"))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = err.readLine()) != null && !isProgress(line)) {
        // wait for the first progress line: generation is under way
      }
      assertThat("the run reported progress before it ended", line != null, equalTo(true));
      assertThat("the previous run is complete while a run is under way", OutputDigests.outputsOf(out), equalTo(complete));
      p.destroyForcibly(); // SIGKILL: no shutdown hooks, nothing tidied
      assertThat(p.waitFor(30, TimeUnit.SECONDS), equalTo(true));
    }
    assertThat(OutputDigests.outputsOf(out), equalTo(complete));

    Result rerun = run(java("--out", out.toString(), "--n-orders", "200"));
    assertThat(rerun.stderr(), rerun.code(), equalTo(0));
    assertThat(OutputDigests.outputsOf(out), org.hamcrest.Matchers.not(equalTo(complete)));
    assertThat(OutputDigests.of(out).keySet(), equalTo(OutputDigests.outputsOf(out).keySet()));
  }

  /** Of two runs started on one folder, one is refused at once; the other leaves a complete folder. */
  @Test
  public void twoConcurrentRunsOnOneLocalFolderCannotMix() throws Exception {
    Path out = tmp.newFolder().toPath();
    Process first =
        new ProcessBuilder(java("--out", out.toString(), "--n-orders", "300000", "--seed", "1", "--start", "2026-01-01"))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try (BufferedReader err = new BufferedReader(new InputStreamReader(first.getErrorStream(), StandardCharsets.UTF_8))) {
      // the first run holds the folder from the moment its lease file exists (about a second in,
      // some six seconds before it ends): waiting for a progress line instead left the second run
      // only the last three, which a loaded machine could miss
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!holdsLease(out)) {
        assertThat("the first run takes the folder within 60 s", System.nanoTime() < deadline, equalTo(true));
        assertThat("the first run is still running", first.isAlive(), equalTo(true));
        Thread.sleep(20);
      }
      Result second = run(java("--out", out.toString(), "--n-orders", "300000", "--seed", "2", "--start", "2026-01-01"));
      assertThat(second.code(), equalTo(1));
      assertThat(second.stderr().strip(), startsWith("event-sim: --out " + out + " is in use by another run: process " + first.pid() + " on "));
      err.transferTo(java.io.Writer.nullWriter());
      assertThat(first.waitFor(5, TimeUnit.MINUTES), equalTo(true));
      assertThat(first.exitValue(), equalTo(0));
    } finally {
      first.destroyForcibly();
    }
    JsonNode stats = new ObjectMapper().readTree(out.resolve("stats.json").toFile());
    assertThat(stats.get("seed").asLong(), equalTo(1L));
    assertThat((long) Files.readAllLines(out.resolve("events.ndjson")).size(), equalTo(stats.get("n_events").asLong()));
    assertThat(OutputDigests.of(out).keySet(), equalTo(OutputDigests.outputsOf(out).keySet()));
  }

  @Test
  public void aRunThatFailsExitsOneAndSaysSo() throws Exception {
    // The output folder is replaced by a plain file while the events are being generated: the
    // writes that follow fail, as they would on a full or vanished disk.
    Path out = tmp.newFolder().toPath();
    Process p =
        new ProcessBuilder(java("--out", out.toString(), "--n-orders", "300000"))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    StringBuilder stderr = new StringBuilder();
    try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      boolean swapped = false;
      while ((line = err.readLine()) != null) {
        stderr.append(line).append('\n');
        if (!swapped && isProgress(line)) {
          // moved away in one step (deleting it raced with the run's own writes into it)
          Files.move(out, out.resolveSibling(out.getFileName() + "-gone"));
          Files.writeString(out, "not a folder any more");
          swapped = true;
        }
      }
      assertThat(stderr.toString(), swapped, equalTo(true));
    }
    assertThat(p.waitFor(5, TimeUnit.MINUTES), equalTo(true));
    assertThat(stderr.toString(), p.exitValue(), equalTo(1));
    assertThat(stderr.toString(), containsString("event-sim: the run failed: "));
    assertThat(stderr.toString(), containsString("holds no stats.json of this run: it was not committed"));
  }

  /**
   * SIGTERM or SIGINT to the launcher's process, as a scheduler, a service manager or Ctrl-C sends
   * it, stops a batch run within seconds: nothing is committed (the previous run is as it was), the
   * lease is given up, the exit code is the signal's, and no JVM outlives the launcher.
   */
  @Test
  public void aSignalToTheLauncherStopsABatchRunWithoutCommitting() throws Exception {
    Path out = tmp.newFolder().toPath();
    assertThat(run(launcher("--out", out.toString(), "--n-orders", "100")).code(), equalTo(0));
    Map<String, String> complete = OutputDigests.of(out);
    for (String[] signal : new String[][] {{"TERM", "143"}, {"INT", "130"}}) {
      try (Processes.Running r =
          Processes.start(launcher("--out", out.toString(), "--n-orders", "300000", "--runner=DirectRunner"))) {
        Waits.until("the run holds the folder", Duration.ofSeconds(60), () -> holdsLease(out));
        List<ProcessHandle> jvms = r.process().descendants().toList();
        signal(signal[0], r.pid());
        Result ended = r.finish(Duration.ofSeconds(30));
        assertThat(ended.stderr(), ended.code(), equalTo(Integer.parseInt(signal[1])));
        assertThat(ended.stderr(), containsString("event-sim: SIG" + signal[0] + ": stopping the run; nothing is committed"));
        assertThat(ended.stderr(), containsString("event-sim: " + out + " is as it was before this run"));
        assertThat(ended.seconds() < 30, equalTo(true));
        Waits.until("no JVM of the run is left", Duration.ofSeconds(5), () -> jvms.stream().noneMatch(ProcessHandle::isAlive));
      }
      assertThat("SIG" + signal[0], OutputDigests.of(out), equalTo(complete));
    }
  }

  /**
   * The launcher killed with SIGKILL cannot pass anything on: its JVM sees that its launcher is
   * gone and stops as if sent SIGTERM, within seconds, without committing.
   */
  @Test
  public void theJvmOfALauncherKilledWithSigkillStopsWithoutCommitting() throws Exception {
    Path out = tmp.newFolder().toPath();
    assertThat(run(launcher("--out", out.toString(), "--n-orders", "100")).code(), equalTo(0));
    Map<String, String> complete = OutputDigests.of(out);
    try (Processes.Running r =
        Processes.start(launcher("--out", out.toString(), "--n-orders", "300000", "--runner=DirectRunner"))) {
      Waits.until("the run holds the folder", Duration.ofSeconds(60), () -> holdsLease(out));
      List<ProcessHandle> jvms = r.process().descendants().toList();
      assertThat(jvms.isEmpty(), equalTo(false));
      signal("KILL", r.pid());
      Waits.until("the JVM ends after its launcher", Duration.ofSeconds(15), () -> jvms.stream().noneMatch(ProcessHandle::isAlive));
      assertThat(r.stderr(), containsString("the launcher (process " + r.pid() + ") is gone: stopping the run"));
    }
    assertThat(OutputDigests.of(out), equalTo(complete));
  }

  /** A JVM killed under the launcher (the kernel's out-of-memory killer, say) gets one line of the launcher's, not the shell's. */
  @Test
  public void aJvmKilledUnderTheLauncherIsReportedInOneLine() throws Exception {
    Path out = tmp.newFolder().toPath();
    try (Processes.Running r =
        Processes.start(launcher("--out", out.toString(), "--n-orders", "300000", "--runner=DirectRunner"))) {
      Waits.until("the run holds the folder", Duration.ofSeconds(60), () -> holdsLease(out));
      for (ProcessHandle jvm : r.process().descendants().toList()) {
        signal("KILL", jvm.pid());
      }
      Result ended = r.finish(Duration.ofSeconds(30));
      assertThat(ended.code(), equalTo(137));
      assertThat(
          ended.stderr().strip().lines().reduce((a, b) -> b).orElse(""),
          equalTo("event-sim: the JVM of the run was killed (KILL): a folder without stats.json holds no complete run; rerun the command"));
      assertThat(ended.stderr(), org.hamcrest.Matchers.not(containsString("Killed")));
    }
    assertThat(Files.exists(out.resolve("stats.json")), equalTo(false));
    // the next run takes the folder over at once (the killed JVM is gone from this host) and
    // removes what that JVM left, in the folder and in the temporary folder
    Result rerun = run(launcher("--out", out.toString(), "--n-orders", "100"));
    assertThat(rerun.stderr(), rerun.code(), equalTo(0));
    assertThat(OutputDigests.of(out).keySet(), equalTo(OutputDigests.outputsOf(out).keySet()));
  }

  /**
   * The launcher reads the command line as the jar does: a runner's own option names the runner
   * and the summary says which ({@code --live false} is not live); a runner's option with the
   * other runner named is bad input, refused before anything is started.
   */
  @Test
  public void theLauncherReadsTheRunnerFromTheFlagsAsTheJarDoes() throws Exception {
    Path out = tmp.newFolder().toPath();
    Result r = run(launcher("--out", out.toString(), "--n-orders", "100", "--targetParallelism=2"));
    assertThat(r.stderr(), r.code(), equalTo(0));
    JsonNode summary = new ObjectMapper().readTree(r.lastStdoutLine());
    assertThat(summary.get("runner").asText(), equalTo("DirectRunner"));
    assertThat(summary.get("runner_chosen_by").asText(), equalTo("--targetParallelism"));

    for (String live : new String[] {"--live false", "--live=false", "--live FALSE"}) {
      List<String> cmd = new java.util.ArrayList<>(launcher("--out", out.toString(), "--n-orders", "100"));
      cmd.addAll(List.of(live.split(" ")));
      r = run(cmd);
      assertThat(live + ": " + r.stderr(), r.code(), equalTo(0));
      summary = new ObjectMapper().readTree(r.lastStdoutLine());
      assertThat(live, summary.get("runner").asText(), equalTo("DirectRunner"));
      assertThat(live, summary.get("runner_chosen_by").asText(), equalTo("size"));
    }

    Path never = tmp.getRoot().toPath().resolve("never-conflict");
    r = run(launcher("--out", never.toString(), "--runner=DirectRunner", "--parallelism=2"));
    assertThat(r.code(), equalTo(2));
    assertThat(
        r.stderr().strip(),
        equalTo("event-sim: --parallelism is an option of the FlinkRunner; it cannot be combined with"
            + " --runner=DirectRunner (the DirectRunner's parallelism is --targetParallelism)"));
    r = run(launcher("--out", never.toString(), "--targetParallelism=2", "--flinkMaster=127.0.0.1:1"));
    assertThat(r.code(), equalTo(2));
    assertThat(r.stderr().strip(), containsString("give the options of one runner"));
    assertThat(Files.exists(never), equalTo(false));
  }

  private static List<String> launcher(String... args) {
    List<String> cmd = new java.util.ArrayList<>(List.of("env", "--default-signal=INT", ROOT.resolve("event-sim").toString()));
    cmd.addAll(List.of(args));
    return cmd;
  }

  private static void signal(String name, long pid) throws Exception {
    assertThat(Processes.run(List.of("kill", "-" + name, Long.toString(pid)), 1).code(), equalTo(0));
  }

  /** A progress line of a run that is generating or writing its files. */
  private static boolean holdsLease(Path out) throws IOException {
    try (java.util.stream.Stream<Path> files = Files.list(out)) {
      return files.anyMatch(f -> f.getFileName().toString().startsWith(".event-sim-lease."));
    }
  }

  private static boolean isProgress(String line) {
    return line.startsWith("event-sim: generating: ") || line.startsWith("event-sim: sorting and writing");
  }

  private static List<String> java(String... args) {
    return Processes.javaJar(JAR, List.of("-Xmx4g", "-XX:TieredStopAtLevel=1"), args);
  }

  private static Result run(List<String> command) throws IOException, InterruptedException {
    return Processes.run(command, 5);
  }
}
