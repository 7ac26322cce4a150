package org.eventsim.json;

import org.eventsim.text.ByteBuilder;

import org.eventsim.model.Event;
import org.eventsim.model.OrderContext;
import org.eventsim.model.Timestamps;

/**
 * One event as one line of events.ndjson: compact JSON, envelope keys in the Python tool's order
 * ({@code event_id, event_type, schema_version, event_time, ingest_time, tenant_id, user_id,
 * session_id, source_system, environment, record_source, payload, checksum}). The line is pure
 * ASCII (non-ASCII is escaped, as Python's json.dumps does), so its UTF-8 bytes are its chars.
 */
public final class EventJson {
  private EventJson() {}

  /** The line without its trailing newline. */
  public static String toLine(Event e) {
    ByteBuilder out = new ByteBuilder(512);
    append(out, e);
    return out.toString();
  }

  /** Appends the line (no newline) to {@code out}. */
  public static void append(ByteBuilder out, Event e) {
    OrderContext o = e.order();
    out.appendAscii("{\"event_id\":\"")
        .appendUuid(e.eventId().getMostSignificantBits(), e.eventId().getLeastSignificantBits());
    out.appendAscii("\",\"event_type\":\"").appendAscii(e.type().wireName());
    out.appendAscii("\",\"schema_version\":").appendLong(e.schemaVersion());
    out.appendAscii(",\"event_time\":\"");
    Timestamps.append(out, e.eventTimeMicros());
    out.appendAscii("\",\"ingest_time\":\"");
    Timestamps.append(out, e.ingestTimeMicros());
    out.appendAscii("\",\"tenant_id\":");
    JsonText.appendQuoted(out, o.tenantId());
    out.appendAscii(",\"user_id\":");
    JsonText.appendQuoted(out, o.userId());
    out.appendAscii(",\"session_id\":");
    JsonText.appendQuoted(out, o.sessionId());
    out.appendAscii(",\"source_system\":");
    JsonText.appendQuoted(out, o.sourceSystem());
    out.appendAscii(",\"environment\":");
    JsonText.appendQuoted(out, o.environment());
    out.appendAscii(",\"record_source\":\"").appendAscii(Event.RECORD_SOURCE);
    out.appendAscii("\",\"payload\":");
    PayloadJson.appendCompact(out, e.payload());
    out.appendAscii(",\"checksum\":\"").appendAscii(e.checksum()).appendAscii("\"}");
  }
}
