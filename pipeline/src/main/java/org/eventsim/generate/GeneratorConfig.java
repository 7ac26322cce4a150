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

  /** The Python tool's defaults, starting 2026-01-01T00:00:00Z. */
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

  /** Builds a {@link GeneratorConfig}; starts from the Python tool's defaults. */
  public static final class Builder {
    private long seed = 42;
    private long startMicros =
        Instant.parse("2026-01-01T00:00:00Z").getEpochSecond() * Timestamps.MICROS_PER_SECOND;
    private int spanDays = 14;
    private long firstOrder = 0;
    private long numOrders = 5000;
    private int tenantCount = 25;
    private int userCount = 5000;
    private double v2Rate = 0.35;
    private double cancelRate = 0.08;
    private double shipRate = 0.85;
    private double correctionRate = 0.10;
    private double lateRate = 0.06;
    private double outOfOrderRate = 0.12;
    private int maxLateDays = 3;
    private int maxEventGapMinutes = 120;
    private double duplicateRate = 0;
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
