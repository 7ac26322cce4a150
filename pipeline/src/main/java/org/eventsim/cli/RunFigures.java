package org.eventsim.cli;

import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.eventsim.metrics.RunCounters;

/**
 * What a finished run wrote, from its own counters: the summary's figures, the same as stats.json's
 * {@code n_orders} and {@code n_events}.
 *
 * @param orders orders with at least one event written
 * @param events events written, duplicates included
 */
record RunFigures(long orders, long events) {
  static RunFigures of(PipelineResult result) {
    long orders = 0;
    long events = 0;
    for (MetricResult<Long> c :
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.inNamespace(RunCounters.NAMESPACE))
                    .build())
            .getCounters()) {
      long value = value(c);
      switch (c.getName().getName()) {
        case RunCounters.ORDERS_WRITTEN -> orders += value;
        case RunCounters.EVENTS_WRITTEN -> events += value;
        default -> {}
      }
    }
    return new RunFigures(orders, events);
  }

  /** The committed value where the runner has one, else the attempted. */
  private static long value(MetricResult<Long> c) {
    try {
      Long committed = c.getCommitted();
      if (committed != null) {
        return committed;
      }
    } catch (UnsupportedOperationException e) {
      // this runner reports attempted values only
    }
    return c.getAttempted() == null ? 0 : c.getAttempted();
  }
}
