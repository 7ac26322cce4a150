package org.eventsim.generate;

import java.io.Serializable;
import java.time.Instant;
import org.eventsim.model.Timestamps;

/**
 * Everything that determines the generated events: a pure function of these values and an order
 * index gives that order's events. Immutable; built from validated flags by {@code
 * org.eventsim.options.RunConfig}, or with {@link #builder()} in tests.
 *
 * @param seed the run's seed ({@code --seed})
 * @param startMicros first instant orders may be created, microseconds since the epoch ({@code
 *     --start})
 * @param spanDays orders are created uniformly over [start, start + spanDays days)
 * @param firstOrder index of the first order of the run (0 for a whole run)
 * @param numOrders how many orders, indexes [firstOrder, firstOrder + numOrders)
 * @param tenantCount tenants T-001.. are drawn uniformly from this many
 * @param userCount users U-00001.. are drawn uniformly from this many
 * @param v2Rate probability that order_created uses schema v2
 * @param cancelRate probability that an order is cancelled
 * @param shipRate probability that a non-cancelled order is shipped
 * @param correctionRate probability that a non-cancelled order's amount is corrected
 * @param lateRate probability, per event, that it arrives days late
 * @param outOfOrderRate probability, per order, that an event arrives after a later one
 * @param maxLateDays a late event arrives 1..maxLateDays days (plus 0..120 min) late
 * @param maxEventGapMinutes the gap, in minutes, that bounds the delays between lifecycle steps
 * @param duplicateRate probability, per event, that it is delivered a second time (same event, a
 *     later ingest_time), as at-least-once transports do
 * @param ordersPerDay 0 for the span model; otherwise the continuous daily model: order i is
 *     created on day ⌊i / ordersPerDay⌋ after start (uniformly within that day), and spanDays
 *     does not apply
 * @param ingestFirstDay with {@code ingestLastDay}: only events arriving on these UTC days
 *     (epoch days, inclusive) are kept — a daily increment; {@link #ALL_DAYS} for no filter
 * @param ingestLastDay see {@code ingestFirstDay}
 */
public record GeneratorConfig(
    long seed,
    long startMicros,
    int spanDays,
    long firstOrder,
    long numOrders,
    int tenantCount,
    int userCount,
    double v2Rate,
    double cancelRate,
    double shipRate,
    double correctionRate,
    double lateRate,
    double outOfOrderRate,
    int maxLateDays,
    int maxEventGapMinutes,
    double duplicateRate,
    long ordersPerDay,
    int ingestFirstDay,
    int ingestLastDay)
    implements Serializable {
  /** {@code ingestFirstDay} of a run that keeps every event. */
  public static final int ALL_DAYS = Integer.MIN_VALUE;

  // The Python tool's defaults: the one source of them. EventSimOptions declares its @Default
  // values with these constants, and the builder starts from them.
  public static final long DEFAULT_NUM_ORDERS = 5000;
  public static final long DEFAULT_SEED = 42;
  public static final int DEFAULT_SPAN_DAYS = 14;
  public static final int DEFAULT_TENANT_COUNT = 25;
  public static final int DEFAULT_USER_COUNT = 5000;
  public static final double DEFAULT_V2_RATE = 0.35;
  public static final double DEFAULT_CANCEL_RATE = 0.08;
  public static final double DEFAULT_SHIP_RATE = 0.85;
  public static final double DEFAULT_CORRECTION_RATE = 0.10;
  public static final double DEFAULT_LATE_RATE = 0.06;
  public static final double DEFAULT_OUT_OF_ORDER_RATE = 0.12;
  public static final int DEFAULT_MAX_LATE_DAYS = 3;
  public static final int DEFAULT_MAX_EVENT_GAP_MINUTES = 120;
  public static final double DEFAULT_DUPLICATE_RATE = 0;

  public GeneratorConfig {
    require(spanDays >= 1, "spanDays must be >= 1");
    require(firstOrder >= 0 && numOrders >= 0, "order range must be non-negative");
    require(tenantCount >= 1 && userCount >= 1, "tenant and user counts must be >= 1");
    for (double rate :
        new double[] {
          v2Rate, cancelRate, shipRate, correctionRate, lateRate, outOfOrderRate, duplicateRate
        }) {
      require(rate >= 0 && rate <= 1, "rates must be within [0, 1]");
    }
    require(maxLateDays >= 1 || (maxLateDays == 0 && lateRate == 0), "maxLateDays must be >= 1");
    require(maxEventGapMinutes >= 10, "maxEventGapMinutes must be >= 10");
    require(startMicros >= 0, "start must not be before 1970");
    require(ordersPerDay >= 0, "ordersPerDay must be >= 0");
    require(
        ingestFirstDay == ALL_DAYS || (ordersPerDay > 0 && ingestFirstDay <= ingestLastDay),
        "an ingest-date filter needs ordersPerDay and a non-empty range of days");
  }

  /** Whether only the events arriving on some days are kept (a daily increment). */
  public boolean increment() {
    return ingestFirstDay != ALL_DAYS;
  }

  /** Whether an event arriving at {@code ingestMicros} is part of the run. */
  public boolean keeps(long ingestMicros) {
    if (!increment()) {
      return true;
    }
    int day = Timestamps.epochDay(ingestMicros);
    return day >= ingestFirstDay && day <= ingestLastDay;
  }

  /** Orders created per day, on average. */
  public double ordersPerDayExpected() {
    return ordersPerDay > 0 ? ordersPerDay : (double) numOrders / spanDays;
  }

  /**
   * Events per order, on average, without duplicates: created and payment always; then cancelled,
   * or shipped and/or corrected. For planning (sort groups, memory), never for output.
   */
  public double expectedEventsPerOrder() {
    return 2 + cancelRate + (1 - cancelRate) * (shipRate + correctionRate);
  }

  /**
   * About how many lines the run writes, duplicates included: of an increment, the arrivals of its
   * days in the steady state (a day receives about a day's orders' events). For planning only.
   */
  public double expectedEvents() {
    double orders =
        increment() ? (double) ordersPerDay * (ingestLastDay - ingestFirstDay + 1) : numOrders;
    return orders * expectedEventsPerOrder() * (1 + duplicateRate);
  }

  /**
   * The last UTC day on which an event of the run can arrive: the day after the last order can be
   * created, plus the longest possible delay between an order's creation and an arrival ({@link
   * OrderLifecycle#maxArrivalAfterCreationMicros}). Computed in days, so it does not overflow for
   * any valid order range.
   */
  public long lastArrivalDay() {
    long startDay = Math.floorDiv(startMicros, Timestamps.MICROS_PER_DAY);
    long creationDays =
        ordersPerDay > 0 ? (Math.max(endOrder(), 1) - 1) / ordersPerDay + 1 : spanDays;
    return startDay + creationDays + maxDelayDays();
  }

  /**
   * The most UTC days an event can arrive after the day it happened on: the longest delay between
   * an order's creation and an arrival, rounded up, plus one for crossing midnight.
   */
  public long maxDelayDays() {
    long delay = OrderLifecycle.maxArrivalAfterCreationMicros(maxEventGapMinutes, maxLateDays);
    return -Math.floorDiv(-delay, Timestamps.MICROS_PER_DAY) + 1;
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  /** One past the last order index of the run. */
  public long endOrder() {
    return firstOrder + numOrders;
  }

  /** The span in microseconds. */
  public long spanMicros() {
    return spanDays * Timestamps.MICROS_PER_DAY;
  }

  /**
   * A builder with the Python tool's defaults and a fixed start, 2026-01-01T00:00:00Z (the
   * command's own default start, today minus the span, is resolved by its options).
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder initialised with this config's values. */
  public Builder toBuilder() {
    return new Builder()
        .seed(seed)
        .startMicros(startMicros)
        .spanDays(spanDays)
        .firstOrder(firstOrder)
        .numOrders(numOrders)
        .tenantCount(tenantCount)
        .userCount(userCount)
        .v2Rate(v2Rate)
        .cancelRate(cancelRate)
        .shipRate(shipRate)
        .correctionRate(correctionRate)
        .lateRate(lateRate)
        .outOfOrderRate(outOfOrderRate)
        .maxLateDays(maxLateDays)
        .maxEventGapMinutes(maxEventGapMinutes)
        .duplicateRate(duplicateRate)
        .ordersPerDay(ordersPerDay)
        .ingestDays(ingestFirstDay, ingestLastDay);
  }

  /** Builds a {@link GeneratorConfig}; starts from the {@code DEFAULT_*} values. */
  public static final class Builder {
    private long seed = DEFAULT_SEED;
    private long startMicros =
        Instant.parse("2026-01-01T00:00:00Z").getEpochSecond() * Timestamps.MICROS_PER_SECOND;
    private int spanDays = DEFAULT_SPAN_DAYS;
    private long firstOrder = 0;
    private long numOrders = DEFAULT_NUM_ORDERS;
    private int tenantCount = DEFAULT_TENANT_COUNT;
    private int userCount = DEFAULT_USER_COUNT;
    private double v2Rate = DEFAULT_V2_RATE;
    private double cancelRate = DEFAULT_CANCEL_RATE;
    private double shipRate = DEFAULT_SHIP_RATE;
    private double correctionRate = DEFAULT_CORRECTION_RATE;
    private double lateRate = DEFAULT_LATE_RATE;
    private double outOfOrderRate = DEFAULT_OUT_OF_ORDER_RATE;
    private int maxLateDays = DEFAULT_MAX_LATE_DAYS;
    private int maxEventGapMinutes = DEFAULT_MAX_EVENT_GAP_MINUTES;
    private double duplicateRate = DEFAULT_DUPLICATE_RATE;
    private long ordersPerDay = 0;
    private int ingestFirstDay = ALL_DAYS;
    private int ingestLastDay = ALL_DAYS;

    private Builder() {}

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public Builder startMicros(long v) {
      startMicros = v;
      return this;
    }

    public Builder start(Instant v) {
      startMicros = Math.addExact(
          Math.multiplyExact(v.getEpochSecond(), Timestamps.MICROS_PER_SECOND), v.getNano() / 1000);
      return this;
    }

    public Builder spanDays(int v) {
      spanDays = v;
      return this;
    }

    public Builder firstOrder(long v) {
      firstOrder = v;
      return this;
    }

    public Builder numOrders(long v) {
      numOrders = v;
      return this;
    }

    public Builder tenantCount(int v) {
      tenantCount = v;
      return this;
    }

    public Builder userCount(int v) {
      userCount = v;
      return this;
    }

    public Builder v2Rate(double v) {
      v2Rate = v;
      return this;
    }

    public Builder cancelRate(double v) {
      cancelRate = v;
      return this;
    }

    public Builder shipRate(double v) {
      shipRate = v;
      return this;
    }

    public Builder correctionRate(double v) {
      correctionRate = v;
      return this;
    }

    public Builder lateRate(double v) {
      lateRate = v;
      return this;
    }

    public Builder outOfOrderRate(double v) {
      outOfOrderRate = v;
      return this;
    }

    public Builder maxLateDays(int v) {
      maxLateDays = v;
      return this;
    }

    public Builder maxEventGapMinutes(int v) {
      maxEventGapMinutes = v;
      return this;
    }

    public Builder duplicateRate(double v) {
      duplicateRate = v;
      return this;
    }

    public Builder ordersPerDay(long v) {
      ordersPerDay = v;
      return this;
    }

    /** Keeps only events arriving on epoch days [first, last]; {@link #ALL_DAYS} for all. */
    public Builder ingestDays(int first, int last) {
      ingestFirstDay = first;
      ingestLastDay = last;
      return this;
    }

    public GeneratorConfig build() {
      return new GeneratorConfig(
          seed, startMicros, spanDays, firstOrder, numOrders, tenantCount, userCount, v2Rate,
          cancelRate, shipRate, correctionRate, lateRate, outOfOrderRate, maxLateDays,
          maxEventGapMinutes, duplicateRate, ordersPerDay, ingestFirstDay, ingestLastDay);
    }
  }
}
