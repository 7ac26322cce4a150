package org.eventsim.metrics;

import java.util.HashMap;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.GaugeResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.metrics.MetricsFilter;

/**
 * The Beam counters a pipeline reports: its progress, for the command's progress line, and what
 * it wrote, for the command's summary. They never affect the output. Where a counter is live depends on the runner: the DirectRunner
 * commits every counter per bundle; Flink reports a source reader's counters as it reads, but a
 * batch ParDo's only when its task ends.
 */
public final class RunCounters {
  /** Namespace of every progress counter. */
  public static final String NAMESPACE = "event-sim";
  /** Orders read from the order source: counted by its reader, so live on every runner. */
  public static final String ORDERS_READ = "orders_read";
  /** Bytes of the event lines generated (newlines included): what the sort has to write. */
  public static final String LINE_BYTES_GENERATED = "line_bytes_generated";
  /** Bytes of event lines sorted into ingest-date parts: reaches LINE_BYTES_GENERATED at the end. */
  public static final String LINE_BYTES_SORTED = "line_bytes_sorted";
  /** Orders with at least one event written (stats.json's n_orders). */
  public static final String ORDERS_WRITTEN = "orders_written";
  /** Events written, duplicates included (stats.json's n_events). */
  public static final String EVENTS_WRITTEN = "events_written";

  private RunCounters() {}

  /** The counter {@code name} of {@link #NAMESPACE}. */
  public static Counter counter(String name) {
    return Metrics.counter(NAMESPACE, name);
  }

  /**
   * The counters of {@code result}, by name, summed over the steps that report them; {@code value}
   * chooses a counter's value (committed or attempted). The runner may throw if it cannot report.
   */
  public static Map<String, Long> totals(PipelineResult result, ToLongFunction<MetricResult<Long>> value) {
    Map<String, Long> totals = new HashMap<>();
    for (MetricResult<Long> c :
        result
            .metrics()
            .queryMetrics(MetricsFilter.builder().addNameFilter(MetricNameFilter.inNamespace(NAMESPACE)).build())
            .getCounters()) {
      totals.merge(c.getName().getName(), value.applyAsLong(c), Long::sum);
    }
    return totals;
  }

  /** The gauges of {@code result}, by name: the largest value over the steps that report them. */
  public static Map<String, Long> gauges(PipelineResult result) {
    Map<String, Long> gauges = new HashMap<>();
    for (MetricResult<GaugeResult> g :
        result
            .metrics()
            .queryMetrics(MetricsFilter.builder().addNameFilter(MetricNameFilter.inNamespace(NAMESPACE)).build())
            .getGauges()) {
      GaugeResult v = g.getAttempted();
      if (v != null) {
        gauges.merge(g.getName().getName(), v.getValue(), Math::max);
      }
    }
    return gauges;
  }
}
