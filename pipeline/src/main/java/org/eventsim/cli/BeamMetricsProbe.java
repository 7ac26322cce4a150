package org.eventsim.cli;

import java.util.Map;
import java.util.function.Supplier;
import org.apache.beam.sdk.PipelineResult;
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
}
