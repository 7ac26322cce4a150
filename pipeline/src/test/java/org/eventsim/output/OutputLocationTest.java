package org.eventsim.output;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.eventsim.format.FileFormat;
import org.eventsim.generate.GeneratorConfig;
import org.eventsim.sink.OutputLayout;
import org.eventsim.testing.OutputDigests;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The output folder's protocol on a local disk, without a pipeline: what prepare, commit and abort
 * do to the files of a previous run, and the lease.
 */
public class OutputLocationTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static final GeneratorConfig RUN = GeneratorConfig.builder().build();
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);
  private final PipelineOptions options = PipelineOptionsFactory.create();

  @Test
  public void aCommitReplacesThePreviousRunsFilesAndLeavesOnlyTheOutputs() throws Exception {
    Path out = tmp.newFolder().toPath();
    commitRun(out, "old", "2026-01-01", "2026-01-02");
    Files.writeString(out.resolve("notes.txt"), "mine");
    commitRun(out, "new", "2026-01-02");
    assertThat(
        list(out),
        equalTo(
            List.of(
                "events.ndjson", "events_by_event_date/2026-01-02.ndjson",
                "events_by_ingest_date/2026-01-02.ndjson", "expected/by_event_date.json",
                "expected/by_ingest_date.json", "expected/totals.json", "notes.txt", "stats.json")));
    assertThat(Files.readString(out.resolve("stats.json")), equalTo("new stats"));
    assertThat(Files.readString(out.resolve("events_by_ingest_date/2026-01-02.ndjson")), equalTo("new"));
  }

  @Test
  public void anAbortedRunLeavesThePreviousRunAsItWas() throws Exception {
    Path out = tmp.newFolder().toPath();
    commitRun(out, "old", "2026-01-01", "2026-01-02");
    Map<String, String> before = OutputDigests.of(out);
    OutputLocation run = OutputLocation.prepare(Location.parse(out.toString()), RUN, java.util.Map.of(), FileFormat.NDJSON, options, false, CLOCK);
    write(run.layout(), "events.ndjson", "half-written");
    write(run.layout(), "events_by_ingest_date/2026-01-01.ndjson", "half-written");
    assertThat(run.abort(), equalTo(null));
    assertThat(OutputDigests.of(out), equalTo(before));
    assertThat(Files.exists(out.resolve(OutputLocation.STAGING)), equalTo(false));
  }

  @Test
  public void aSecondRunCannotTakeAFolderALiveRunHoldsButTakesItOnceReleased() throws Exception {
    Path out = tmp.newFolder().toPath();
    OutputLocation first = OutputLocation.prepare(Location.parse(out.toString()), RUN, java.util.Map.of(), FileFormat.NDJSON, options, false, CLOCK);
    OutputLocation.Refused refused =
        assertThrows(
            OutputLocation.Refused.class,
            () -> OutputLocation.prepare(Location.parse(out.toString()), RUN, java.util.Map.of(), FileFormat.NDJSON, options, false, CLOCK));
    assertThat(refused.badInput(), equalTo(false));
    assertThat(
        refused.getMessage(),
        startsWith(
            "--out " + out + " is in use by another run: process " + ProcessHandle.current().pid() + " on "
                + Lease.hostName() + ", started 2026-11-30T12:00:00Z, last heartbeat 0 s ago"));
    assertThat(refused.getMessage(), containsString("give --take-over-lease"));
    first.abort();
    OutputLocation.prepare(Location.parse(out.toString()), RUN, java.util.Map.of(), FileFormat.NDJSON, options, false, CLOCK).abort();
  }

  @Test
  public void aLeaseWhoseHeartbeatStoppedIsTakenOverAndItsHolderCannotCommitAnyMore() throws Exception {
    Path out = tmp.newFolder().toPath();
    OutputLocation stalled = OutputLocation.prepare(Location.parse(out.toString()), RUN, java.util.Map.of(), FileFormat.NDJSON, options, false, CLOCK);
    write(stalled.layout(), "events.ndjson", "stalled");
    Clock later = Clock.offset(CLOCK, Lease.EXPIRY.plus(Duration.ofSeconds(1)));
    commitRun(out, "new", later, "2026-01-01");
    IOException lost = assertThrows(IOException.class, () -> stalled.commit(RUN, true));
    assertThat(lost.getMessage(), containsString("was taken over by another run"));
    assertThat(Files.readString(out.resolve("events.ndjson")), equalTo("new"));
  }

  @Test
  public void theLeaseOfAProcessGoneFromThisHostIsTakenOverAtOnceAndTakeOverForcesIt() throws Exception {
    Path out = tmp.newFolder().toPath();
    ObjectNode dead = new ObjectMapper().createObjectNode();
    dead.put("run", "r").put("host", Lease.hostName()).put("pid", Integer.MAX_VALUE - 1)
        .put("processStarted", "").put("started", CLOCK.instant().toString())
        .put("heartbeat", CLOCK.instant().toString());
    Files.writeString(out.resolve(Lease.PREFIX + "7"), dead.toString());
    OutputLocation run = OutputLocation.prepare(Location.parse(out.toString()), RUN, java.util.Map.of(), FileFormat.NDJSON, options, false, CLOCK);
    assertThat(Files.exists(out.resolve(Lease.PREFIX + "8")), equalTo(true));
    assertThat(Files.exists(out.resolve(Lease.PREFIX + "7")), equalTo(false));
    // a live-looking holder is kept unless --take-over-lease is given
    OutputLocation forced = OutputLocation.prepare(Location.parse(out.toString()), RUN, java.util.Map.of(), FileFormat.NDJSON, options, true, CLOCK);
    assertThat(Files.exists(out.resolve(Lease.PREFIX + "9")), equalTo(true));
    assertThrows(IOException.class, () -> run.commit(RUN, true));
    forced.abort();
    run.abort();
    assertThat(list(out), equalTo(List.of()));
  }

  @Test
  public void badLocationsAreRefusedAndNothingIsWritten() throws Exception {
    IllegalArgumentException scheme =
        assertThrows(IllegalArgumentException.class, () -> Location.parse("nosuch://bucket/x"));
    assertThat(
        scheme.getMessage(),
        equalTo(
            "--out 'nosuch://bucket/x': event-sim does not write to nosuch:// (it writes to a local"
                + " folder, hdfs://HOST:PORT/path or s3://bucket/prefix)"));
    Path file = tmp.newFile().toPath();
    OutputLocation.Refused notAFolder =
        assertThrows(
            OutputLocation.Refused.class,
            () -> OutputLocation.prepare(Location.parse(file.toString()), RUN, java.util.Map.of(), FileFormat.NDJSON, options, false, CLOCK));
    assertThat(notAFolder.getMessage(), equalTo("--out '" + file + "' is a file, not a folder"));
  }

  /** Prepares, "runs" (writes the given ingest days and one event-date file each) and commits. */
  private void commitRun(Path out, String content, String... days) throws Exception {
    commitRun(out, content, CLOCK, days);
  }

  private void commitRun(Path out, String content, Clock clock, String... days) throws Exception {
    OutputLocation run = OutputLocation.prepare(Location.parse(out.toString()), RUN, java.util.Map.of(), FileFormat.NDJSON, options, false, clock);
    OutputLayout layout = run.layout();
    write(layout, "events.ndjson", content);
    for (String day : days) {
      write(layout, "events_by_ingest_date/" + day + ".ndjson", content);
      write(layout, "events_by_event_date/" + day + ".ndjson", content);
    }
    for (String f : List.of("expected/by_event_date.json", "expected/by_ingest_date.json", "expected/totals.json")) {
      stage(layout, f, content + " key");
    }
    stage(layout, "stats.json", content + " stats");
    run.commit(RUN, true);
  }

  private static void write(OutputLayout layout, String relative, String content) throws IOException {
    Path p = Path.of(layout.file(relative).toString());
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  private static void stage(OutputLayout layout, String relative, String content) throws IOException {
    Path p = Path.of(layout.staged(relative).toString());
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  private static List<String> list(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> !f.equals(dir)).map(f -> dir.relativize(f).toString())
          .filter(f -> !Files.isDirectory(dir.resolve(f))).sorted().toList();
    }
  }
}
