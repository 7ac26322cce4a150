package org.eventsim.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.values.PCollection;
import org.eventsim.format.FileFormat;
import org.eventsim.generate.GenerateEvents;
import org.eventsim.generate.GeneratorConfig;
import org.eventsim.sink.DatePartition;
import org.eventsim.sink.OutputLayout;
import org.eventsim.sink.PartPlan;
import org.eventsim.sink.WriteEventFiles;
import org.eventsim.testing.ReferenceModel;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The sorted files, byte for byte against the plain-Java reference, for each way the plan can cut
 * them: whole files grouped by several days, and days cut into parts that are concatenated.
 */
public class WriteEventFilesTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();

  private static final GeneratorConfig CONFIG = GeneratorConfig.builder().numOrders(3_000).build();

  @Test
  public void singlePartFilesMatchTheReference() throws IOException {
    assertWritesReference(CONFIG, PartPlan.of(CONFIG, 1_000_000), 1000);
  }

  @Test
  public void oneDayPerGroup() throws IOException {
    PartPlan plan = PartPlan.of(CONFIG, 700);
    assertThat(plan.singlePart(), equalTo(true));
    assertThat(plan.daysPerGroup(), equalTo(1));
    assertWritesReference(CONFIG, plan, 333);
  }

  @Test
  public void multiPartFilesAreConcatenatedInOrder() throws IOException {
    PartPlan plan = PartPlan.of(CONFIG, 100);
    assertThat(plan.partsPerDay(), greaterThan(3));
    assertWritesReference(CONFIG, plan, 500);
  }

  @Test
  public void noOrdersGiveAnEmptyEventsFileAndNoDateFiles() throws IOException {
    GeneratorConfig none = CONFIG.toBuilder().numOrders(0).build();
    Path out = assertWritesReference(none, PartPlan.of(none, 1000), 1000);
    assertThat(Files.size(out.resolve(OutputLayout.eventsFile(FileFormat.NDJSON))), equalTo(0L));
  }

  private Path assertWritesReference(GeneratorConfig config, PartPlan plan, long ordersPerBlock)
      throws IOException {
    Path out = tmp.newFolder().toPath();
    PCollection<String> files =
        p.apply(GenerateEvents.of(config, ordersPerBlock))
            .get(GenerateEvents.EVENTS)
            .apply(WriteEventFiles.to(OutputLayout.in(out.toString()), plan, FileFormat.NDJSON));
    ReferenceModel expected = ReferenceModel.of(config);
    int fileCount = expected.byIngestDate().size() + expected.byEventDate().size() + 1;
    PAssert.thatSingleton(files.apply(org.apache.beam.sdk.transforms.Count.globally())).isEqualTo((long) fileCount);
    p.run().waitUntilFinish();

    assertThat(Files.readAllBytes(out.resolve(OutputLayout.eventsFile(FileFormat.NDJSON))), equalTo(expected.eventsFile()));
    assertFolder(out.resolve(DatePartition.INGEST_DATE.folder()), expected.byIngestDate());
    assertFolder(out.resolve(DatePartition.EVENT_DATE.folder()), expected.byEventDate());
    return out;
  }

  private static void assertFolder(Path folder, Map<String, byte[]> expected) throws IOException {
    Map<String, String> actual = new TreeMap<>();
    if (Files.isDirectory(folder)) {
      try (Stream<Path> files = Files.list(folder)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          actual.put(f.getFileName().toString(), Files.readString(f));
        }
      }
    }
    Map<String, String> wanted = new TreeMap<>();
    expected.forEach((k, v) -> wanted.put(k, new String(v, java.nio.charset.StandardCharsets.UTF_8)));
    assertThat(actual.keySet(), equalTo(wanted.keySet()));
    assertThat(actual, equalTo(wanted));
  }
}
