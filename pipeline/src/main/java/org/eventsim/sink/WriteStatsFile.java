package org.eventsim.sink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.eventsim.stats.RunStats;
import org.eventsim.stats.StatsJson;

/**
 * Renders the run's {@link RunStats} into stats.json's text and stages it in the scratch folder
 * (atomically: temporary file, then rename). The owner of the output folder moves it to {@code
 * stats.json} only once the whole pipeline — files and Kafka alike — has succeeded, so a folder with
 * a stats.json holds a complete run. Output: the staged file's path.
 */
public final class WriteStatsFile extends PTransform<PCollection<RunStats>, PCollection<String>> {
  private final OutputLayout layout;
  private final LinkedHashMap<String, Object> settings;
  private final String outDirAsGiven;

  private WriteStatsFile(OutputLayout layout, Map<String, Object> settings, String outDirAsGiven) {
    this.layout = layout;
    this.settings = new LinkedHashMap<>(settings);
    this.outDirAsGiven = outDirAsGiven;
  }

  /**
   * Stages stats.json for {@code layout}.
   *
   * @param settings every flag's value, echoed into stats.json (see {@link StatsJson#render})
   * @param outDirAsGiven the {@code out_dir} value
   */
  public static WriteStatsFile to(OutputLayout layout, Map<String, Object> settings, String outDirAsGiven) {
    return new WriteStatsFile(layout, settings, outDirAsGiven);
  }

  @Override
  public PCollection<String> expand(PCollection<RunStats> stats) {
    return stats.apply("Stage", ParDo.of(new StageFn(layout, settings, outDirAsGiven)));
  }

  private static final class StageFn extends DoFn<RunStats, String> {
    private final OutputLayout layout;
    private final LinkedHashMap<String, Object> settings;
    private final String outDir;

    StageFn(OutputLayout layout, LinkedHashMap<String, Object> settings, String outDir) {
      this.layout = layout;
      this.settings = settings;
      this.outDir = outDir;
    }

    @ProcessElement
    public void process(@Element RunStats stats, OutputReceiver<String> out) throws IOException {
      byte[] json = StatsJson.render(stats, settings, outDir).getBytes(StandardCharsets.UTF_8);
      out.output(StagedFiles.stage(layout, OutputLayout.STATS_FILE, json).toString());
    }
  }
}
