package org.eventsim;

import java.util.EnumSet;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.eventsim.expected.AnswerKeyFn;
import org.eventsim.format.FileFormat;
import org.eventsim.generate.GenerateEvents;
import org.eventsim.live.PlayLive;
import org.eventsim.model.EventBatch;
import org.eventsim.options.RunConfig;
import org.eventsim.options.UsageException;
import org.eventsim.sink.OutputLayout;
import org.eventsim.sink.PartPlan;
import org.eventsim.sink.WriteAnswerKey;
import org.eventsim.sink.WriteEventFiles;
import org.eventsim.sink.WriteStatsFile;
import org.eventsim.sink.kafka.PublishToKafka;
import org.eventsim.stats.StatsFn;

/**
 * The event-sim pipeline: generate every order's events, write the sorted files and/or publish
 * them to Kafka, and stage stats.json and the answer key (expected/), all into the places of an
 * {@link OutputLayout}; the owner of the output folder moves them into place once all has
 * succeeded.
 *
 * <pre>
 * GenerateEvents ─┬ events ─┬─ WriteEventFiles (events.ndjson, events_by_*_date/*.ndjson[.gz|.zst])
 *                 │         └─ PublishToKafka (with --kafka-bootstrap)
 *                 ├ avro records ─ WriteEventFiles (with --format parquet: *.parquet)
 *                 ├ totals ─── ComputeStats ── WriteStatsFile (staged)
 *                 └ key ────── ComputeAnswerKey ── WriteAnswerKey (expected/, staged)
 * </pre>
 *
 * <p>A live run ({@code --live}) is {@link PlayLive} instead: no files, the model played out in
 * wall-clock time to Kafka.
 */
public final class EventSimPipeline {
  private EventSimPipeline() {}

  /**
   * Checks that {@code config} can be laid out as a pipeline (before anything is written): the sort
   * groups of the event files must be a sensible number for {@code --maxGroupEvents}.
   */
  public static void validate(RunConfig config) throws UsageException {
    if (config.writeFiles()) {
      String problem = PartPlan.problem(config.generator(), config.maxGroupEvents());
      if (problem != null) {
        throw new UsageException(problem);
      }
    }
  }

  /**
   * Adds the whole run described by {@code config}, writing into {@code layout}, to {@code
   * pipeline}; a live run ({@link PlayLive}) writes no files and needs no layout.
   */
  public static void build(Pipeline pipeline, RunConfig config, OutputLayout layout) {
    if (config.live() != null) {
      pipeline.apply("PlayLive", PlayLive.of(config.live(), config.kafka()));
      return;
    }
    FileFormat format = config.fileFormat();
    boolean jsonFiles = config.writeFiles() && format.jsonLines();
    boolean avroFiles = config.writeFiles() && !format.jsonLines();
    Set<GenerateEvents.Rendering> renderings = EnumSet.noneOf(GenerateEvents.Rendering.class);
    if (jsonFiles || config.kafka() != null) {
      renderings.add(GenerateEvents.Rendering.JSON_LINES);
    }
    if (avroFiles) {
      renderings.add(GenerateEvents.Rendering.AVRO);
    }
    PCollectionTuple generated =
        pipeline.apply(
            "GenerateEvents", GenerateEvents.of(config.generator(), config.ordersPerBlock(), renderings));
    PCollection<EventBatch> events = generated.get(GenerateEvents.EVENTS);
    if (config.writeFiles()) {
      generated
          .get(avroFiles ? GenerateEvents.AVRO_RECORDS : GenerateEvents.EVENTS)
          .apply(
              "WriteEventFiles",
              WriteEventFiles.to(layout, PartPlan.of(config.generator(), config.maxGroupEvents()), format));
    }
    if (config.kafka() != null) {
      events.apply("PublishToKafka", PublishToKafka.to(config.kafka()));
    }
    // Without Beam's default value for an empty input (a side input and a step of its own, a tenth
    // of a small run): the source always has a block, so each combine has an input.
    generated
        .get(GenerateEvents.STATS)
        .apply("ComputeStats", Combine.globally(new StatsFn()).withoutDefaults())
        .apply("WriteStatsFile", WriteStatsFile.to(layout, config.settings(), config.outDirAsGiven()));
    generated
        .get(GenerateEvents.ANSWER_KEY)
        .apply("ComputeAnswerKey", Combine.globally(new AnswerKeyFn()).withoutDefaults())
        .apply("WriteAnswerKey", WriteAnswerKey.to(layout));
  }
}
