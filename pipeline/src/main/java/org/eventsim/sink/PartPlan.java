package org.eventsim.sink;

import static org.eventsim.model.Timestamps.MICROS_PER_DAY;

import java.io.Serializable;
import org.eventsim.generate.GeneratorConfig;

/**
 * How the date files are cut into independently sorted pieces, so that no worker ever holds more
 * than about {@code maxGroupEvents} events at once, however many orders the run has.
 *
 * <p>A file is written as one or more <em>parts</em>, contiguous ranges of arrival time numbered
 * in arrival order: the sorted parts of a file, concatenated in part order, are the sorted file.
 * Parts are sorted in <em>groups</em>, the unit of grouping and in-memory sorting:
 *
 * <ul>
 *   <li>when a day's expected events fit in a group, every file is a single part, and a group holds
 *       the files of several consecutive days ({@link #daysPerGroup()});
 *   <li>otherwise each day is cut into P parts ({@link #partsPerDay()}) and each part is a group:
 *       an ingest-date file into P equal slices of its day; an event-date file into P slices of its
 *       own day plus P slices of the following (maxLateDays + 1) days, where its late arrivals fall.
 * </ul>
 *
 * <p>The plan depends only on the flags, never on the runner or its parallelism, and the file
 * contents do not depend on the plan at all.
 */
public final class PartPlan implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Headroom over the expected events per day, for day-to-day variation. */
  private static final double HEADROOM = 1.1;

  private final int partsPerDay;
  private final int daysPerGroup;
  private final long tailMicros;

  private PartPlan(int partsPerDay, int daysPerGroup, long tailMicros) {
    this.partsPerDay = partsPerDay;
    this.daysPerGroup = daysPerGroup;
    this.tailMicros = tailMicros;
  }

  /** The plan for a run of {@code config} with groups of about {@code maxGroupEvents} events. */
  public static PartPlan of(GeneratorConfig config, long maxGroupEvents) {
    if (maxGroupEvents < 1) {
      throw new IllegalArgumentException("maxGroupEvents must be >= 1, got " + maxGroupEvents);
    }
    double eventsPerDay =
        config.numOrders() * expectedEventsPerOrder(config) * HEADROOM / config.spanDays();
    long parts = (long) Math.max(1, Math.ceil(eventsPerDay / maxGroupEvents));
    if (parts > 1_000_000) {
      throw new IllegalArgumentException(
          "more than a million parts per day: raise maxGroupEvents (" + maxGroupEvents + ")");
    }
    long days = parts > 1 ? 1 : (long) Math.floor(maxGroupEvents / Math.max(eventsPerDay, 1));
    return new PartPlan(
        (int) parts,
        (int) Math.max(1, Math.min(days, 100_000)),
        (config.maxLateDays() + 1L) * MICROS_PER_DAY);
  }

  /** Created and payment always; then cancelled, or shipped and/or corrected. */
  static double expectedEventsPerOrder(GeneratorConfig c) {
    return 2 + c.cancelRate() + (1 - c.cancelRate()) * (c.shipRate() + c.correctionRate());
  }

  /** P, the number of arrival-time slices per day (1: every file is a single part). */
  public int partsPerDay() {
    return partsPerDay;
  }

  /** How many days' files one group holds when files are single parts. */
  public int daysPerGroup() {
    return daysPerGroup;
  }

  /** Whether every file is a single part, written directly under its final name. */
  public boolean singlePart() {
    return partsPerDay == 1;
  }

  /**
   * The part of {@code partition}'s file for {@code fileDay} that holds an event arriving at
   * {@code ingestMicros}.
   */
  public int partOf(DatePartition partition, int fileDay, long ingestMicros) {
    if (singlePart()) {
      return 0;
    }
    long sinceFileDay = ingestMicros - fileDay * MICROS_PER_DAY;
    if (partition == DatePartition.INGEST_DATE || sinceFileDay < MICROS_PER_DAY) {
      return (int) (Math.floorMod(ingestMicros, MICROS_PER_DAY) * partsPerDay / MICROS_PER_DAY);
    }
    double slice = Math.floor((double) (sinceFileDay - MICROS_PER_DAY) / tailMicros * partsPerDay);
    return partsPerDay + (int) Math.min(partsPerDay - 1, slice);
  }

  /** The group, within its partition, that sorts part {@code part} of the file of {@code fileDay}. */
  public long groupOf(int fileDay, int part) {
    return singlePart() ? Math.floorDiv(fileDay, daysPerGroup) : (long) fileDay * 2 * partsPerDay + part;
  }

  @Override
  public String toString() {
    return "PartPlan{partsPerDay=" + partsPerDay + ", daysPerGroup=" + daysPerGroup + "}";
  }
}
