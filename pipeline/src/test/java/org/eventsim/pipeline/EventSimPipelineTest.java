package org.eventsim.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.Assert.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.TestPipeline;
import org.eventsim.format.FileFormat;
import org.eventsim.EventSimPipeline;
import org.eventsim.generate.GeneratorConfig;
import org.eventsim.options.RunConfig;
import org.eventsim.sink.OutputLayout;
import org.eventsim.testing.OutputDigests;
import org.eventsim.testing.ReferenceModel;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The whole pipeline under TestPipeline, whose DirectRunner checks that no step mutates or fails
 * to encode an element: outputs match the reference, and a run that fails writes no stats.json.
 */
public class EventSimPipelineTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void wholeRunMatchesTheReference() throws Exception {
    GeneratorConfig generator = GeneratorConfig.builder().numOrders(1_200).build();
    Path out = tmp.newFolder().toPath();
    EventSimPipeline.build(p, config(generator, out, 150, 2_000), OutputLayout.in(out.toString()));
    p.run().waitUntilFinish();

    ReferenceModel expected = ReferenceModel.of(generator);
    assertThat(Files.readAllBytes(out.resolve("events.ndjson")), equalTo(expected.eventsFile()));
    // stats.json is staged by the pipeline and moved into place by the output's owner after success
    assertThat(Files.exists(out.resolve("stats.json")), equalTo(false));
    JsonNode stats =
        new ObjectMapper().readTree(out.resolve(".work/commit/stats.json").toFile());
    assertThat(stats.get("n_events").asLong(), equalTo((long) expected.events().size()));
    assertThat(stats.get("n_orders").asLong(), equalTo(1_200L));
  }

  @Test
  public void duplicatesAreSortedAndPartitionedLikeEveryOtherLine() throws Exception {
    GeneratorConfig generator = GeneratorConfig.builder().numOrders(800).duplicateRate(0.1).build();
    Path out = tmp.newFolder().toPath();
    EventSimPipeline.build(p, config(generator, out, 100, 1_000), OutputLayout.in(out.toString()));
    p.run().waitUntilFinish();

    ReferenceModel expected = ReferenceModel.of(generator);
    assertThat(Files.readAllBytes(out.resolve("events.ndjson")), equalTo(expected.eventsFile()));
    Map<String, String> expectedFiles = new TreeMap<>();
    expected.byEventDate().forEach((name, bytes) -> expectedFiles.put(name, OutputDigests.sha256(bytes)));
    assertThat(OutputDigests.of(out.resolve("events_by_event_date")), equalTo(expectedFiles));
    JsonNode stats =
        new ObjectMapper().readTree(out.resolve(".work/commit/stats.json").toFile());
    long lines = expected.events().size();
    long distinct = expected.events().stream().map(e -> e.eventId()).distinct().count();
    assertThat(stats.get("duplicates").asLong(), equalTo(lines - distinct));
    assertThat(lines - distinct > 0, equalTo(true));
  }

  @Test
  public void aFailedRunLeavesNoStatsJsonAndNoEventsFile() throws Exception {
    // Orders created in the last days before the year 10000 have late events past it, which the
    // timestamp printer rejects: generation fails part-way, as a real failure would.
    long start = Instant.parse("9999-12-29T00:00:00Z").getEpochSecond() * 1_000_000;
    GeneratorConfig generator = GeneratorConfig.builder().numOrders(2_000).startMicros(start).spanDays(2).build();
    Path out = tmp.newFolder().toPath();
    EventSimPipeline.build(p, config(generator, out, 100, 1_000_000), OutputLayout.in(out.toString()));
    assertThrows(Pipeline.PipelineExecutionException.class, () -> p.run().waitUntilFinish());
    assertThat(Files.exists(out.resolve("stats.json")), equalTo(false));
    assertThat(Files.exists(out.resolve("events.ndjson")), equalTo(false));
  }

  private static RunConfig config(GeneratorConfig g, Path out, long ordersPerBlock, long maxGroupEvents) {
    return new RunConfig(g, org.eventsim.output.Location.parse(out.toString()), null, false, null, true, FileFormat.NDJSON, ordersPerBlock, maxGroupEvents, null);
  }
}
