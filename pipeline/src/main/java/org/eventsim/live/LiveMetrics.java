package org.eventsim.live;

/**
 * Names of the live readers' Beam gauges (namespace {@code event-sim}), for the progress line;
 * events published are counted in {@link org.eventsim.metrics.RunCounters#EVENTS_WRITTEN}.
 */
public final class LiveMetrics {
  /** How far behind its due time the reader's last element was, in wall-clock milliseconds (0 when idle). */
  public static final String LAG_MILLIS = "live_lag_millis";
  /** The reader's simulated clock at its last read, in epoch seconds. */
  public static final String CLOCK_SECONDS = "live_clock_seconds";

  private LiveMetrics() {}
}
