package org.eventsim.generate;

import org.eventsim.model.Timestamps;

/**
 * The daily model's increments: which orders can deliver an event on a range of UTC days. Order k
 * is created in [start + ⌊k / ordersPerDay⌋ days, + 1 day) and every event of it arrives at most
 * {@link OrderLifecycle#maxArrivalAfterCreationMicros} after that, so the orders to generate for
 * days [first, last] are the whole days of orders created before the last day ends and less than
 * that delay before the first day begins. The exact cut is made per event ({@link
 * GeneratorConfig#keeps}).
 */
public final class DailyIncrement {
  private DailyIncrement() {}

  /**
   * The orders [first, end) to generate for the arrivals of epoch days [firstDay, lastDay].
   *
   * @return {first, end}
   */
  public static long[] ordersArriving(
      long startMicros, long ordersPerDay, int firstDay, int lastDay, int maxLateDays, int gapMinutes) {
    long maxDelay = OrderLifecycle.maxArrivalAfterCreationMicros(gapMinutes, maxLateDays);
    long from = firstDay * Timestamps.MICROS_PER_DAY - maxDelay - startMicros;
    long to = (lastDay + 1L) * Timestamps.MICROS_PER_DAY - startMicros;
    long firstDayIndex = Math.max(0, Math.floorDiv(from, Timestamps.MICROS_PER_DAY));
    long endDayIndex = Math.max(0, -Math.floorDiv(-to, Timestamps.MICROS_PER_DAY));
    return new long[] {
      firstDayIndex * ordersPerDay, Math.max(firstDayIndex, endDayIndex) * ordersPerDay
    };
  }
}
