package org.eventsim.stats;

import java.io.Serializable;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eventsim.model.EventType;
import org.eventsim.model.Timestamps;

/**
 * The totals of a run, as stats.json reports them. Immutable.
 *
 * @param orders orders generated
 * @param events events generated
 * @param eventTypes events per type, all five types present
 * @param schemaVersions events per schema version, versions 1 and 2 present
 * @param lateEvents events whose ingest date (UTC) is after their event date
 * @param outOfOrderOrders orders with an event arriving after one that happened later
 * @param duplicates second deliveries of an event ({@code --duplicate-rate}), included in events
 * @param eventsByIngestDate events per ingest date, {@code YYYY-MM-DD}, ascending
 * @param eventsByEventDate events per event date, {@code YYYY-MM-DD}, ascending
 */
public record RunStats(
    long orders,
    long events,
    Map<EventType, Long> eventTypes,
    Map<Integer, Long> schemaVersions,
    long lateEvents,
    long outOfOrderOrders,
    long duplicates,
    SortedMap<String, Long> eventsByIngestDate,
    SortedMap<String, Long> eventsByEventDate)
    implements Serializable {

  static RunStats of(StatsAccumulator a) {
    Map<EventType, Long> types = new EnumMap<>(EventType.class);
    for (EventType t : EventType.values()) {
      types.put(t, a.byType[t.ordinal()]);
    }
    Map<Integer, Long> versions = new TreeMap<>();
    versions.put(1, a.bySchemaVersion[1]);
    versions.put(2, a.bySchemaVersion[2]);
    return new RunStats(
        a.orders,
        a.events,
        Collections.unmodifiableMap(types),
        Collections.unmodifiableMap(versions),
        a.late,
        a.outOfOrderOrders,
        a.duplicates,
        dates(a.byIngestDay),
        dates(a.byEventDay));
  }

  private static SortedMap<String, Long> dates(DayCounts days) {
    TreeMap<String, Long> dates = new TreeMap<>();
    days.toMap().forEach((day, n) -> dates.put(Timestamps.formatDate(day), n));
    return Collections.unmodifiableSortedMap(dates);
  }
}
