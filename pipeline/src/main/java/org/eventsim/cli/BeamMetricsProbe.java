package org.eventsim.cli;

import java.util.Map;
import java.util.function.Supplier;
import org.apache.beam.sdk.PipelineResult;
import org.eventsim.live.LiveMetrics;
import org.eventsim.metrics.RunCounters;

/**
 * Progress from the pipeline's own Beam counters ({@link RunCounters}), queried on its
 * result while it runs: for runners whose {@code run()} returns at once and whose counters are
 * committed as bundles finish, such as the DirectRunner.
 */
final class BeamMetricsProbe implements ProgressProbe {
  private final Supplier<PipelineResult> result;

  BeamMetricsProbe(Supplier<PipelineResult> result) {
    this.result = result;
  }

  @Override
  public Figures read() {
    PipelineResult r = result.get();
    if (r == null) {
      return null;
    }
    try {
      Map<String, Long> totals = RunCounters.totals(r, c -> c.getAttempted() == null ? 0 : c.getAttempted());
      return new Figures(
          totals.getOrDefault(RunCounters.ORDERS_READ, 0L),
          false,
          totals.getOrDefault(RunCounters.LINE_BYTES_GENERATED, 0L),
          totals.getOrDefault(RunCounters.LINE_BYTES_SORTED, 0L),
          false);
    } catch (RuntimeException e) {
      return null; // this runner cannot report metrics while running
    }
  }

  @Override
  public LiveFigures readLive() {
    PipelineResult r = result.get();
    if (r == null) {
      return null;
    }
    try {
      Map<String, Long> totals = RunCounters.totals(r, c -> c.getAttempted() == null ? 0 : c.getAttempted());
      Map<String, Long> gauges = RunCounters.gauges(r);
      return new LiveFigures(
          totals.getOrDefault(RunCounters.EVENTS_WRITTEN, 0L),
          gauges.getOrDefault(LiveMetrics.CLOCK_SECONDS, 0L),
          gauges.getOrDefault(LiveMetrics.LAG_MILLIS, 0L));
    } catch (RuntimeException e) {
      return null;
    }
  }
}
