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
  /** The most parts a day is cut into. */
  private static final int MAX_PARTS_PER_DAY = 1_000_000;

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
   * Why no plan can be made for {@code config} with groups of {@code maxGroupEvents} events, as
   * the end of a sentence about {@code --maxGroupEvents}; null when one can. A day may be cut into
   * at most {@value #MAX_PARTS_PER_DAY} parts, and every fragment index of an event date (late
   * days times parts) must fit an int.
   */
  public static String problem(GeneratorConfig config, long maxGroupEvents) {
    if (maxGroupEvents < 1) {
      return "must be at least 1";
    }
    long parts = partsPerDay(config, maxGroupEvents);
    if (parts > MAX_PARTS_PER_DAY || parts * (config.maxDelayDays() + 1) > Integer.MAX_VALUE) {
      return String.format(
          Locale.ROOT,
          "is too small for about %,.0f events a day: that cuts a day into more than %,d sorted parts;"
              + " raise --maxGroupEvents",
          eventsPerDay(config), MAX_PARTS_PER_DAY);
    }
    return null;
  }

  /** The plan for a run of {@code config} with groups of about {@code maxGroupEvents} events. */
  public static PartPlan of(GeneratorConfig config, long maxGroupEvents) {
    String problem = problem(config, maxGroupEvents);
    if (problem != null) {
      throw new IllegalArgumentException("maxGroupEvents " + maxGroupEvents + " " + problem);
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
