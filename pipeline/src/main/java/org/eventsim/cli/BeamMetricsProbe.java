package org.eventsim.cli;

import java.util.function.Supplier;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
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
      MetricQueryResults metrics =
          r.metrics()
              .queryMetrics(
                  MetricsFilter.builder()
                      .addNameFilter(MetricNameFilter.inNamespace(RunCounters.NAMESPACE))
                      .build());
      long orders = 0;
      long generated = 0;
      long sorted = 0;
      for (MetricResult<Long> c : metrics.getCounters()) {
        long value = c.getAttempted() == null ? 0 : c.getAttempted();
        switch (c.getName().getName()) {
          case RunCounters.ORDERS_READ -> orders += value;
          case RunCounters.LINE_BYTES_GENERATED -> generated += value;
          case RunCounters.LINE_BYTES_SORTED -> sorted += value;
          default -> {}
        }
      }
      return new Figures(orders, false, generated, sorted, false);
    } catch (RuntimeException e) {
      return null; // this runner cannot report metrics while running
    }
  }
}
