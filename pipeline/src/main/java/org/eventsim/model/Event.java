package org.eventsim.model;

import java.util.Comparator;
import java.util.UUID;

/**
 * One lifecycle event of one order, as written to events.ndjson. Immutable.
 *
 * @param eventId a version-4-layout UUID drawn from the order's seeded generator
 * @param type the lifecycle step
 * @param schemaVersion 1, or 2 for a v2 {@code order_created}
 * @param eventTimeMicros business time, microseconds since the epoch (UTC)
 * @param ingestTimeMicros arrival time, microseconds since the epoch (UTC); never before the
 *     event time
 * @param order the envelope values shared by the order's events
 * @param payload the type-specific fields
 * @param checksum hex of the UUIDv5 (OID namespace) of the payload's Python {@code json.dumps(...,
 *     sort_keys=True)} form
 */
public record Event(
    UUID eventId,
    EventType type,
    int schemaVersion,
    long eventTimeMicros,
    long ingestTimeMicros,
    OrderContext order,
    Payload payload,
    String checksum) {

  /** The value of {@code record_source} on every event. */
  public static final String RECORD_SOURCE = "event_sim";

  /** Business order: event time, then lifecycle rank. */
  public static final Comparator<Event> BUSINESS_ORDER =
      Comparator.comparingLong(Event::eventTimeMicros)
          .thenComparingInt(e -> e.type().lifecycleRank());

  /**
   * Arrival order, the order of events.ndjson: ingest time, then event id as text. Lower-case
   * UUID text sorts exactly like the unsigned 128-bit value, which is what is compared.
   */
  public static final Comparator<Event> ARRIVAL_ORDER =
      (a, b) -> compareArrival(
          a.ingestTimeMicros, a.eventId.getMostSignificantBits(), a.eventId.getLeastSignificantBits(),
          b.ingestTimeMicros, b.eventId.getMostSignificantBits(), b.eventId.getLeastSignificantBits());

  /** Compares two arrival keys (ingest time, event id as unsigned 128 bits). */
  public static int compareArrival(
      long ingestA, long msbA, long lsbA, long ingestB, long msbB, long lsbB) {
    int c = Long.compare(ingestA, ingestB);
    if (c == 0) {
      c = Long.compareUnsigned(msbA, msbB);
    }
    if (c == 0) {
      c = Long.compareUnsigned(lsbA, lsbB);
    }
    return c;
  }

  /** UTC day number of the event time. */
  public int eventDay() {
    return Timestamps.epochDay(eventTimeMicros);
  }

  /** UTC day number of the arrival. */
  public int ingestDay() {
    return Timestamps.epochDay(ingestTimeMicros);
  }

  /**
   * Late, as the Python tool counted it and as stats.json and the answer key count it: the event
   * arrives on a later UTC date than it happened.
   */
  public boolean arrivesLate() {
    return ingestDay() > eventDay();
  }

  /** A copy with another ingest time. */
  public Event withIngestTimeMicros(long micros) {
    return new Event(eventId, type, schemaVersion, eventTimeMicros, micros, order, payload, checksum);
  }
}
