package org.eventsim.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eventsim.generate.GeneratorConfig;
import org.eventsim.generate.OrderLifecycle;
import org.eventsim.json.EventJson;
import org.eventsim.model.Event;
import org.eventsim.model.Timestamps;

/**
 * The expected output of a run, computed in plain Java straight from the pure function: every
 * event of every order, sorted by arrival, and cut into the date files. Pipelines are compared
 * against this.
 */
public final class ReferenceModel {
  private final List<Event> byArrival;

  private ReferenceModel(List<Event> byArrival) {
    this.byArrival = byArrival;
  }

  public static ReferenceModel of(GeneratorConfig config) {
    List<Event> all = new ArrayList<>();
    for (long i = config.firstOrder(); i < config.endOrder(); i++) {
      all.addAll(OrderLifecycle.events(i, config));
    }
    all.sort(Event.ARRIVAL_ORDER);
    return new ReferenceModel(all);
  }

  /** Every event, by arrival. */
  public List<Event> events() {
    return byArrival;
  }

  /** events.ndjson's expected content. */
  public byte[] eventsFile() {
    return lines(byArrival);
  }

  /** Expected files of {@code events_by_ingest_date/}, by file name. */
  public Map<String, byte[]> byIngestDate() {
    return partition(true);
  }

  /** Expected files of {@code events_by_event_date/}, by file name. */
  public Map<String, byte[]> byEventDate() {
    return partition(false);
  }

  private Map<String, byte[]> partition(boolean ingest) {
    Map<String, List<Event>> files = new TreeMap<>();
    for (Event e : byArrival) {
      long micros = ingest ? e.ingestTimeMicros() : e.eventTimeMicros();
      files
          .computeIfAbsent(Timestamps.formatDate(Timestamps.epochDay(micros)) + ".ndjson", k -> new ArrayList<>())
          .add(e);
    }
    Map<String, byte[]> out = new TreeMap<>();
    files.forEach((name, events) -> out.put(name, lines(events)));
    return out;
  }

  private static byte[] lines(List<Event> events) {
    StringBuilder sb = new StringBuilder();
    for (Event e : events) {
      sb.append(EventJson.toLine(e)).append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }
}
