package org.eventsim.sink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.util.MimeTypes;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.eventsim.stats.RunStats;
import org.eventsim.stats.StatsJson;

/**
 * Writes stats.json, the run's commit marker: only after every event file is complete, and
 * atomically (temporary file, then rename), so a folder with a stats.json holds a complete run.
 *
 * <p>The input is the stream of completed event files; stats.json is written once it has ended,
 * with the {@link RunStats} from the combiner as a side input. Output: the path of stats.json.
 */
public final class WriteStatsFile extends PTransform<PCollection<String>, PCollection<String>> {
  private final OutputLayout layout;
  private final LinkedHashMap<String, Object> settings;
  private final String outDirAsGiven;
  private final PCollection<RunStats> stats;

  private WriteStatsFile(
      OutputLayout layout, Map<String, Object> settings, String outDirAsGiven, PCollection<RunStats> stats) {
    this.layout = layout;
    this.settings = new LinkedHashMap<>(settings);
    this.outDirAsGiven = outDirAsGiven;
    this.stats = stats;
  }

  /**
   * Writes {@code stats} as stats.json into {@code layout} once the input files are complete.
   *
   * @param settings every flag's value, echoed into stats.json (see {@link StatsJson#render})
   * @param outDirAsGiven the {@code out_dir} value
   */
  public static WriteStatsFile of(
      PCollection<RunStats> stats, OutputLayout layout, Map<String, Object> settings, String outDirAsGiven) {
    return new WriteStatsFile(layout, settings, outDirAsGiven, stats);
  }

  @Override
  public PCollection<String> expand(PCollection<String> completedFiles) {
    PCollectionView<RunStats> statsView = stats.apply("AsSingleton", View.asSingleton());
    return completedFiles
        .apply("AllFilesComplete", Count.globally())
        .apply(
            "Write",
            ParDo.of(new WriteFn(layout, settings, outDirAsGiven, statsView)).withSideInputs(statsView));
  }

  private static final class WriteFn extends DoFn<Long, String> {
    private final OutputLayout layout;
    private final LinkedHashMap<String, Object> settings;
    private final String outDir;
    private final PCollectionView<RunStats> statsView;

    WriteFn(
        OutputLayout layout, LinkedHashMap<String, Object> settings, String outDir,
        PCollectionView<RunStats> statsView) {
      this.layout = layout;
      this.settings = settings;
      this.outDir = outDir;
      this.statsView = statsView;
    }

    @ProcessElement
    public void process(ProcessContext c) throws IOException {
      byte[] json =
          StatsJson.render(c.sideInput(statsView), settings, outDir).getBytes(StandardCharsets.UTF_8);
      ResourceId staging = layout.workFile("commit/" + OutputLayout.STATS_FILE);
      try (WritableByteChannel out = FileSystems.create(staging, MimeTypes.TEXT)) {
        ByteBuffer buf = ByteBuffer.wrap(json);
        while (buf.hasRemaining()) {
          out.write(buf);
        }
      }
      ResourceId target = layout.file(OutputLayout.STATS_FILE);
      FileSystems.rename(List.of(staging), List.of(target));
      c.output(target.toString());
    }
  }
}
