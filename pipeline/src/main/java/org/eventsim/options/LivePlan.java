package org.eventsim.options;

import java.io.Serializable;
import org.eventsim.generate.GeneratorConfig;
import org.eventsim.generate.OrderLifecycle;
import org.eventsim.model.Timestamps;

/**
 * What a live run plays out: the daily model of {@code generator} from its start, paced at {@code
 * speed} simulated seconds per wall-clock second, until {@code untilMicros}, its orders dealt to
 * {@code partitions} players by index ({@code order index mod partitions}), so that an order's
 * events stay together and in arrival order.
 *
 * @param generator the daily model (orders per day and start; no ingest-date filter)
 * @param untilMicros publish the events arriving before this instant, then stop; {@link
 *     #FOREVER} to go on until stopped
 * @param speed simulated seconds per wall-clock second, &gt; 0
 * @param partitions how many players share the orders, &gt;= 1
 */
public record LivePlan(GeneratorConfig generator, long untilMicros, double speed, int partitions)
    implements Serializable {
  /** {@code untilMicros} of a run without {@code --until}. */
  public static final long FOREVER = Long.MAX_VALUE;
  /** A player schedules at most 2^this orders of a model day. */
  public static final int MAX_ORDERS_PER_DAY_AND_PARTITION_BITS = 26;

  public LivePlan {
    if (generator.ordersPerDay() < 1 || generator.increment()) {
      throw new IllegalArgumentException("live mode plays the daily model without an ingest-date filter");
    }
    if (!(speed > 0) || Double.isInfinite(speed)) {
      throw new IllegalArgumentException("speed must be > 0: " + speed);
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be >= 1: " + partitions);
    }
    if (untilMicros <= generator.startMicros()) {
      throw new IllegalArgumentException("until must be after start");
    }
  }

  public long startMicros() {
    return generator.startMicros();
  }

  public long ordersPerDay() {
    return generator.ordersPerDay();
  }

  /** Whether the run ends by itself ({@code --until}). */
  public boolean bounded() {
    return untilMicros != FOREVER;
  }

  /** Whether an arrival at {@code ingestMicros} is published: on or after the start, before until. */
  public boolean publishes(long ingestMicros) {
    return ingestMicros >= generator.startMicros() && ingestMicros < untilMicros;
  }

  /** The latest an event can arrive after its order was created (the model's bound). */
  public long maxArrivalDelayMicros() {
    return OrderLifecycle.maxArrivalAfterCreationMicros(
        generator.maxEventGapMinutes(), generator.maxLateDays());
  }

  /** The latest an event can happen after its order was created: payment, then shipping. */
  public long maxEventDelayMicros() {
    return 4L * generator.maxEventGapMinutes() * Timestamps.MICROS_PER_MINUTE;
  }

  /** The index of the day of the model (from start) that the instant falls in; negative before start. */
  public long modelDay(long micros) {
    return Math.floorDiv(micros - generator.startMicros(), Timestamps.MICROS_PER_DAY);
  }

  /** The first order created on or after {@code micros}'s model day. */
  public long firstOrderOfModelDayAt(long micros) {
    return Math.max(0, modelDay(micros)) * generator.ordersPerDay();
  }

  /**
   * The instant the simulated clock shows {@code wallNanosSinceStart} after publishing began: start
   * plus the elapsed wall time times the speed.
   */
  public long simulatedMicros(long wallNanosSinceStart) {
    double micros = wallNanosSinceStart / 1000.0 * speed;
    return generator.startMicros() + (long) Math.min(micros, 4e18);
  }

  /** The wall time after publishing began at which the simulated clock reaches {@code micros}. */
  public long wallNanosAt(long micros) {
    double nanos = (micros - generator.startMicros()) * 1000.0 / speed;
    return (long) Math.min(nanos, 4e18);
  }

  /** The end (exclusive) of UTC day {@code day}. */
  public static long dayEndMicros(int day) {
    return (day + 1L) * Timestamps.MICROS_PER_DAY;
  }
}
