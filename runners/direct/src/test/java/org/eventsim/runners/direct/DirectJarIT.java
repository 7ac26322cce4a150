package org.eventsim.runners.direct;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eventsim.testing.Processes;
import org.eventsim.testing.Processes.Result;
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
    assertThat(r.lastStdoutLine(), startsWith("{\"status\":\"ok\",\"runner\":\"DirectRunner\",\"orders\":5000,"));
    assertThat(Files.exists(out.resolve("stats.json")), equalTo(true));
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

  @Test
  public void aKilledRunNeverLooksComplete() throws Exception {
    Path out = tmp.newFolder().toPath();
    Result first = run(java("--out", out.toString(), "--n-orders", "100"));
    assertThat(first.stderr(), first.code(), equalTo(0));
    assertThat(Files.exists(out.resolve("stats.json")), equalTo(true));

    Process p =
        new ProcessBuilder(java("--out", out.toString(), "--n-orders", "2000000"))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = err.readLine()) != null && !line.contains("orders generated")) {
        // wait for the first progress line: generation is under way
      }
      assertThat("the run reported progress before it ended", line != null, equalTo(true));
      assertThat("the previous run's stats.json is gone while a run is under way",
          Files.exists(out.resolve("stats.json")), equalTo(false));
      p.destroyForcibly(); // SIGKILL: no shutdown hooks, nothing tidied
      assertThat(p.waitFor(30, TimeUnit.SECONDS), equalTo(true));
    }
    assertThat(Files.exists(out.resolve("stats.json")), equalTo(false));

    Result rerun = run(java("--out", out.toString(), "--n-orders", "100"));
    assertThat(rerun.stderr(), rerun.code(), equalTo(0));
    assertThat(Files.exists(out.resolve("stats.json")), equalTo(true));
    assertThat(Files.exists(out.resolve(".event-sim-work")), equalTo(false));
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
        if (!swapped && line.contains("orders generated")) {
          deleteTree(out);
          Files.writeString(out, "not a folder any more");
          swapped = true;
        }
      }
      assertThat(stderr.toString(), swapped, equalTo(true));
    }
    assertThat(p.waitFor(5, TimeUnit.MINUTES), equalTo(true));
    assertThat(stderr.toString(), p.exitValue(), equalTo(1));
    assertThat(stderr.toString(), containsString("event-sim: the run failed: "));
    assertThat(stderr.toString(), containsString("holds no stats.json, so it is not a complete run"));
  }

  private static void deleteTree(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path q : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(q);
      }
    }
  }

  private static List<String> java(String... args) {
    return Processes.javaJar(JAR, List.of("-Xmx3g", "-XX:TieredStopAtLevel=1"), args);
  }

  private static Result run(List<String> command) throws IOException, InterruptedException {
    return Processes.run(command, 5);
  }
}
