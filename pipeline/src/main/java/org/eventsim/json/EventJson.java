package org.eventsim.json;

import java.nio.charset.StandardCharsets;
import org.eventsim.model.Event;
import org.eventsim.model.OrderContext;
import org.eventsim.model.Timestamps;

/**
 * One event as one line of events.ndjson: compact JSON, envelope keys in the Python tool's order
 * ({@code event_id, event_type, schema_version, event_time, ingest_time, tenant_id, user_id,
 * session_id, source_system, environment, record_source, payload, checksum}).
 */
public final class EventJson {
  private EventJson() {}

  /** The line without its trailing newline. */
  public static String toLine(Event e) {
    StringBuilder sb = new StringBuilder(480);
    append(sb, e);
    return sb.toString();
  }

  /** The line as UTF-8 bytes, without its trailing newline. */
  public static byte[] toLineBytes(Event e) {
    return toLine(e).getBytes(StandardCharsets.UTF_8);
  }

  /** Appends the line (no newline) to {@code sb}. */
  public static void append(StringBuilder sb, Event e) {
    OrderContext o = e.order();
    sb.append("{\"event_id\":\"").append(e.eventId()).append('"');
    sb.append(",\"event_type\":\"").append(e.type().wireName()).append('"');
    sb.append(",\"schema_version\":").append(e.schemaVersion());
    sb.append(",\"event_time\":\"");
    Timestamps.append(sb, e.eventTimeMicros());
    sb.append("\",\"ingest_time\":\"");
    Timestamps.append(sb, e.ingestTimeMicros());
    sb.append('"');
    sb.append(",\"tenant_id\":");
    JsonText.appendQuoted(sb, o.tenantId());
    sb.append(",\"user_id\":");
    JsonText.appendQuoted(sb, o.userId());
    sb.append(",\"session_id\":");
    JsonText.appendQuoted(sb, o.sessionId());
    sb.append(",\"source_system\":");
    JsonText.appendQuoted(sb, o.sourceSystem());
    sb.append(",\"environment\":");
    JsonText.appendQuoted(sb, o.environment());
    sb.append(",\"record_source\":\"").append(Event.RECORD_SOURCE).append('"');
    sb.append(",\"payload\":");
    PayloadJson.appendCompact(sb, e.payload());
    sb.append(",\"checksum\":\"").append(e.checksum()).append("\"}");
  }
}
