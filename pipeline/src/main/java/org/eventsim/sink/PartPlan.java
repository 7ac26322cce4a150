package org.eventsim.sink;

import java.io.Serializable;
import java.util.Locale;
import org.eventsim.generate.GeneratorConfig;
import org.eventsim.model.Timestamps;

/**
 * How the events are cut into independently sorted groups, so that no worker ever holds more than
 * about {@code maxGroupEvents} events at once, however many orders the run has; and how the
 * sorted groups make up the files.
 *
 * <p>Everything is sorted once, by arrival, in <em>groups</em> of arrival time:
 *
 * <ul>
 *   <li>when a day's expected arrivals fit in a group, a group holds several whole days ({@link
 *       #daysPerGroup()}) and each ingest-date file is written directly from its group;
 *   <li>otherwise each day is cut into P equal slices of arrival time ({@link #partsPerDay()}),
 *       each slice is a group, and an ingest-date file is the concatenation of its P parts.
 * </ul>
 *
 * <p>An event-date file needs no sort of its own: every event arrives no earlier than it happens,
 * so event date E's file, in arrival order, is the concatenation over ingest days d ≥ E (and their
 * parts p) of the events of E among the sorted arrivals of (d, p): its <em>fragments</em>, in
 * {@link #fragmentIndex} order.
 *
 * <p>The plan depends only on the flags, never on the runner or its parallelism, and the file
 * contents do not depend on the plan at all.
 */
public final class PartPlan implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Headroom over the expected events per day, for day-to-day variation. */
  private static final double HEADROOM = 1.1;
  /**
   * The most parts a day is cut into: the part of an arrival is its time of day in microseconds
   * times the parts per day, which must fit a long.
   */
  static final long MAX_PARTS_PER_DAY = 100_000_000;
  /** The most events of a sort group {@code --maxGroupEvents} accepts. */
  public static final long MAX_GROUP_EVENTS = 2_000_000;

  private final int partsPerDay;
  private final int daysPerGroup;
  private final boolean parallelCompose;
  private final boolean eventDateFiles;
  private final boolean writesPieces;

  private PartPlan(
      int partsPerDay, int daysPerGroup, boolean parallelCompose, boolean eventDateFiles, boolean writesPieces) {
    this.partsPerDay = partsPerDay;
    this.daysPerGroup = daysPerGroup;
    this.parallelCompose = parallelCompose;
    this.eventDateFiles = eventDateFiles;
    this.writesPieces = writesPieces;
  }

  /**
   * Why no plan can be made for {@code config} with groups of {@code maxGroupEvents} events, as one
   * sentence naming the flag to change; null when one can. A day is cut into at most {@link
   * #maxPartsPerDay} parts: {@value #MAX_PARTS_PER_DAY}, fewer when events arrive so many days late
   * that the fragment indexes of an event date (late days times parts) would not fit an int.
   */
  public static String problem(GeneratorConfig config, long maxGroupEvents) {
    if (maxGroupEvents < 1) {
      return "--maxGroupEvents must be at least 1";
    }
    long maxParts = maxPartsPerDay(config);
    if (partsPerDay(config, maxGroupEvents) <= maxParts) {
      return null;
    }
    double perDay = eventsPerDay(config);
    long needed = (long) Math.ceil(perDay / maxParts);
    if (needed <= MAX_GROUP_EVENTS) {
      return String.format(
          Locale.ROOT,
          "--maxGroupEvents %d is too small for about %,.0f events a day (a day would be cut into more than"
              + " %,d sorted parts): give at least %d (at most %,d)",
          maxGroupEvents, perDay, maxParts, needed, MAX_GROUP_EVENTS);
    }
    double most = (double) MAX_GROUP_EVENTS * maxParts;
    if (maxParts < MAX_PARTS_PER_DAY) {
      return String.format(
          Locale.ROOT,
          "--max-late-days %d with about %,.0f events a day is more than event-sim sorts (events arriving"
              + " up to %d days late allow about %,.0f events a day): lower --max-late-days or the orders a day",
          config.maxLateDays(), perDay, config.maxDelayDays(), most);
    }
    if (config.ordersPerDay() > 0) {
      long orders = (long) (most / (config.expectedEventsPerOrder() * HEADROOM));
      return String.format(
          Locale.ROOT,
          "--orders-per-day %d makes about %,.0f events a day, more than event-sim sorts in a day (about"
              + " %,.0f): give at most %,d",
          config.ordersPerDay(), perDay, most, orders);
    }
    long days = (long) Math.ceil(config.spanDays() * perDay / most);
    return String.format(
        Locale.ROOT,
        "--n-orders %d over --span-days %d makes about %,.0f events a day, more than event-sim sorts in a"
            + " day (about %,.0f): give --span-days of at least %d, or split the run with --first-order",
        config.numOrders(), config.spanDays(), perDay, most, days);
  }

  /** The most parts a day of {@code config} may be cut into. */
  static long maxPartsPerDay(GeneratorConfig config) {
    return Math.min(MAX_PARTS_PER_DAY, Integer.MAX_VALUE / (config.maxDelayDays() + 1));
  }

  /** The plan for a run of {@code config} with groups of about {@code maxGroupEvents} events. */
  public static PartPlan of(GeneratorConfig config, long maxGroupEvents) {
    String problem = problem(config, maxGroupEvents);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    double events = config.numOrders() * config.expectedEventsPerOrder();
    double eventsPerDay = eventsPerDay(config);
    long parts = partsPerDay(config, maxGroupEvents);
    long days = parts > 1 ? 1 : (long) Math.floor(maxGroupEvents / Math.max(eventsPerDay, 1));
    return new PartPlan(
        (int) parts,
        (int) Math.max(1, Math.min(days, 100_000)),
        events > 4.0 * maxGroupEvents,
        !config.increment(),
        config.numOrders() > 0 && !config.increment());
  }

  private static double eventsPerDay(GeneratorConfig config) {
    return config.ordersPerDayExpected() * config.expectedEventsPerOrder() * HEADROOM;
  }

  private static long partsPerDay(GeneratorConfig config, long maxGroupEvents) {
    return (long) Math.max(1, Math.ceil(eventsPerDay(config) / maxGroupEvents));
  }

  /**
   * Whether event-date files are written: not for a daily increment, whose events of a date are
   * only those that happened to arrive on its days — the event-date view is for the consumer to
   * build, and {@code expected/} to check.
   */
  public boolean eventDateFiles() {
    return eventDateFiles;
  }

  /**
   * Whether the run certainly writes at least one piece: every order has an order_created event,
   * so a run of at least one order does, unless it is an increment (whose days may see no
   * arrival).
   */
  public boolean writesPieces() {
    return writesPieces;
  }

  /** P, the number of arrival-time slices per day (1: ingest-date files are single parts). */
  public int partsPerDay() {
    return partsPerDay;
  }

  /** How many days one group holds when ingest-date files are single parts. */
  public int daysPerGroup() {
    return daysPerGroup;
  }

  /** Whether every ingest-date file is a single part, written directly under its final name. */
  public boolean singlePart() {
    return partsPerDay == 1;
  }

  /**
   * Whether the run is big enough (over four groups) to spread the final concatenations over the
   * workers; small runs make their few files in one step, which is cheaper on the DirectRunner.
   */
  public boolean parallelCompose() {
    return parallelCompose;
  }

  /** The part, within its ingest day, of an event arriving at {@code ingestMicros}. */
  public int partOf(long ingestMicros) {
    if (singlePart()) {
      return 0;
    }
    long microsOfDay = Math.floorMod(ingestMicros, Timestamps.MICROS_PER_DAY);
    return (int) (microsOfDay * partsPerDay / Timestamps.MICROS_PER_DAY);
  }

  /** The group that sorts part {@code part} of ingest day {@code ingestDay}. */
  public long groupOf(int ingestDay, int part) {
    return singlePart() ? Math.floorDiv(ingestDay, daysPerGroup) : (long) ingestDay * partsPerDay + part;
  }

  /**
   * The position, within event date {@code eventDay}'s file, of the fragment that arrived in part
   * {@code part} of ingest day {@code ingestDay} (never before the event day).
   */
  public int fragmentIndex(int eventDay, int ingestDay, int part) {
    return (ingestDay - eventDay) * partsPerDay + part;
  }

  @Override
  public String toString() {
    return "PartPlan{partsPerDay=" + partsPerDay + ", daysPerGroup=" + daysPerGroup + "}";
  }
}
