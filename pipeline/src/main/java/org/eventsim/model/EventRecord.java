package org.eventsim.model;

import java.util.Arrays;

/**
 * An event as the pipeline carries it after generation: the finished events.ndjson line plus the
 * few values that sinks and stats sort, partition and count by. Immutable (the line array is
 * never modified after construction).
 *
 * @param orderIndex the order's index in the run
 * @param type the lifecycle step
 * @param schemaVersion 1 or 2
 * @param eventTimeMicros business time, microseconds since the epoch
 * @param ingestTimeMicros arrival time, microseconds since the epoch
 * @param eventIdMsb high 64 bits of the event id
 * @param eventIdLsb low 64 bits of the event id
 * @param line the UTF-8 JSON line, without newline
 */
public record EventRecord(
    long orderIndex,
    EventType type,
    int schemaVersion,
    long eventTimeMicros,
    long ingestTimeMicros,
    long eventIdMsb,
    long eventIdLsb,
    byte[] line) {

  /** The record of a generated event whose line is {@code line}. */
  public static EventRecord of(Event e, byte[] line) {
    return new EventRecord(
        e.order().orderIndex(),
        e.type(),
        e.schemaVersion(),
        e.eventTimeMicros(),
        e.ingestTimeMicros(),
        e.eventId().getMostSignificantBits(),
        e.eventId().getLeastSignificantBits(),
        line);
  }

  /** UTC day of the event time. */
  public int eventDay() {
    return Timestamps.epochDay(eventTimeMicros);
  }

  /** UTC day of the arrival. */
  public int ingestDay() {
    return Timestamps.epochDay(ingestTimeMicros);
  }

  /** Late as the Python tool counted it: arrives on a later UTC date than it happened. */
  public boolean isLate() {
    return ingestDay() > eventDay();
  }

  /** Compares by arrival: ingest time, then event id. */
  public int compareArrival(EventRecord o) {
    return Event.compareArrival(
        ingestTimeMicros, eventIdMsb, eventIdLsb, o.ingestTimeMicros, o.eventIdMsb, o.eventIdLsb);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EventRecord r
        && r.orderIndex == orderIndex
        && r.type == type
        && r.schemaVersion == schemaVersion
        && r.eventTimeMicros == eventTimeMicros
        && r.ingestTimeMicros == ingestTimeMicros
        && r.eventIdMsb == eventIdMsb
        && r.eventIdLsb == eventIdLsb
        && Arrays.equals(r.line, line);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(eventIdMsb ^ eventIdLsb) * 31 + Arrays.hashCode(line);
  }

  @Override
  public String toString() {
    return new String(line, java.nio.charset.StandardCharsets.UTF_8);
  }
}
