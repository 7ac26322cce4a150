package org.eventsim;

import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.eventsim.generate.GenerateEvents;
import org.eventsim.options.RunConfig;
import org.eventsim.sink.OutputLayout;
import org.eventsim.sink.PartPlan;
import org.eventsim.sink.WriteEventFiles;
import org.eventsim.sink.WriteStatsFile;
import org.eventsim.stats.RunStats;
import org.eventsim.stats.StatsFn;

/**
 * The event-sim pipeline: generate every order's events, write the sorted files, and write
 * stats.json once they are complete.
 *
 * <pre>
 * GenerateEvents ─┬ events ─ WriteEventFiles (events.ndjson, events_by_*_date/*.ndjson) ─┐
 *                 └ totals ─ ComputeStats ─────────────────────────────── WriteStatsFile ◄─┘
 * </pre>
 */
public final class EventSimPipeline {
  private EventSimPipeline() {}

  /** Adds the whole run described by {@code config} to {@code pipeline}. */
  public static void build(Pipeline pipeline, RunConfig config) {
    OutputLayout layout = new OutputLayout(config.outDir());
    PCollectionTuple generated =
        pipeline.apply(
            "GenerateEvents", GenerateEvents.of(config.generator(), config.ordersPerBlock()));
    PCollection<String> files =
        generated
            .get(GenerateEvents.EVENTS)
            .apply(
                "WriteEventFiles",
                WriteEventFiles.to(layout, PartPlan.of(config.generator(), config.maxGroupEvents())));
    PCollection<RunStats> stats =
        generated.get(GenerateEvents.STATS).apply("ComputeStats", Combine.globally(new StatsFn()));
    files.apply(
        "WriteStatsFile",
        WriteStatsFile.of(stats, layout, config.settings(), config.outDirAsGiven()));
  }
}
