package org.eventsim.cli;

import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricResult;
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
    Map<String, Long> totals = RunCounters.totals(result, RunFigures::value);
    return new RunFigures(
        totals.getOrDefault(RunCounters.ORDERS_WRITTEN, 0L), totals.getOrDefault(RunCounters.EVENTS_WRITTEN, 0L));
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
