package org.eventsim.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.eventsim.generate.GenerateEvents;
import org.joda.time.Duration;

/**
 * Waits for a pipeline and, for runs longer than a few seconds, prints a progress line to stderr
 * (orders generated, events/s) from the generator's counters. Runners whose {@code run()} blocks
 * until the end simply print nothing.
 */
final class Progress {
  private static final Duration POLL = Duration.millis(500);
  private static final long FIRST_REPORT_NANOS = 3_000_000_000L;
  private static final long REPORT_EVERY_NANOS = 5_000_000_000L;

  private final long totalOrders;
  private final PrintStream err;
  private final long started;

  Progress(long totalOrders, PrintStream err, long startedNanos) {
    this.totalOrders = totalOrders;
    this.err = err;
    this.started = startedNanos;
  }

  PipelineResult.State waitUntilFinish(PipelineResult result) {
    long nextReport = started + FIRST_REPORT_NANOS;
    while (true) {
      PipelineResult.State state = result.waitUntilFinish(POLL);
      if (state != null && state.isTerminal()) {
        return state;
      }
      long now = System.nanoTime();
      if (now >= nextReport) {
        report(result, now);
        nextReport = now + REPORT_EVERY_NANOS;
      }
    }
  }

  private void report(PipelineResult result, long now) {
    long orders;
    long events;
    try {
      orders = counter(result, GenerateEvents.ORDERS_COUNTER);
      events = counter(result, GenerateEvents.EVENTS_COUNTER);
    } catch (RuntimeException e) {
      return; // this runner cannot report metrics while running
    }
    double seconds = (now - started) / 1e9;
    err.printf(
        Locale.ROOT,
        "event-sim: %,d / %,d orders generated (%.0f%%), %,d events, %,.0f events/s%n",
        orders, totalOrders, totalOrders == 0 ? 100.0 : 100.0 * orders / totalOrders, events,
        events / seconds);
  }

  private static long counter(PipelineResult result, String name) {
    MetricQueryResults metrics =
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named(GenerateEvents.class, name))
                    .build());
    long total = 0;
    for (MetricResult<Long> c : metrics.getCounters()) {
      Long attempted = c.getAttempted();
      total += attempted == null ? 0 : attempted;
    }
    return total;
  }
}
