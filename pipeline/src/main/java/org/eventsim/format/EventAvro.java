package org.eventsim.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.eventsim.model.Event;
import org.eventsim.model.Money;
import org.eventsim.model.OrderContext;
import org.eventsim.model.Payload;
import org.eventsim.text.ByteBuilder;

/**
 * One event as an Avro datum of {@link #SCHEMA} ({@code src/schema/event.avsc}): the record a
 * Parquet file holds. The envelope's fields are columns, times are microseconds since the epoch
 * (UTC), money is a decimal of scale 2 (whole cents, exact), and the payload is one struct with the
 * fields of every event type: an event fills those its type has, and the others are null.
 *
 * <p>One struct rather than one per event type, so that a SQL engine reads {@code
 * payload.order_id} or {@code payload.amount} whatever the type, as it would from the JSON, and a
 * new event type adds columns rather than a struct.
 */
public final class EventAvro {
  /** The schema of the records of the Parquet files. */
  public static final Schema SCHEMA = load();

  private static final Schema PAYLOAD = SCHEMA.getField("payload").schema();
  private static final List<Schema.Field> PAYLOAD_FIELDS = PAYLOAD.getFields();
  private static final Map<String, Integer> PAYLOAD_POSITION = new HashMap<>();

  static {
    for (Schema.Field f : PAYLOAD_FIELDS) {
      PAYLOAD_POSITION.put(f.name(), f.pos());
    }
  }

  private EventAvro() {}

  private static Schema load() {
    try (InputStream in = EventAvro.class.getResourceAsStream("event.avsc")) {
      if (in == null) {
        throw new IllegalStateException("event.avsc is missing from the classpath");
      }
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Appends the Avro binary encoding of {@code e} to {@code out}: the fields in the schema's order,
   * ints and longs as zig-zag varints, strings and decimals as a length and their bytes, a union
   * as its branch's index and the value. Written straight into the batch, as the JSON lines are
   * (an Avro encoder per event cost a third of the rendering); Avro's own reader reads it back in
   * the tests.
   */
  public static void append(ByteBuilder out, Event e) {
    OrderContext o = e.order();
    varint(out, 36);
    out.appendUuid(e.eventId().getMostSignificantBits(), e.eventId().getLeastSignificantBits());
    string(out, e.type().wireName());
    varint(out, e.schemaVersion());
    varint(out, e.eventTimeMicros());
    varint(out, e.ingestTimeMicros());
    string(out, o.tenantId());
    string(out, o.userId());
    string(out, o.sessionId());
    string(out, o.sourceSystem());
    string(out, o.environment());
    string(out, Event.RECORD_SOURCE);
    payload(out, e.payload());
    string(out, e.checksum());
  }

  /** The payload's fields in the struct's order; each one the schema has not is an error. */
  private static void payload(ByteBuilder out, Payload payload) {
    Object[] values = new Object[PAYLOAD_FIELDS.size()];
    for (Payload.Field f : payload.fields()) {
      Integer at = PAYLOAD_POSITION.get(f.name());
      if (at == null) {
        throw new IllegalArgumentException("payload field " + f.name() + " is not in event.avsc");
      }
      values[at] = f.value();
    }
    for (Schema.Field field : PAYLOAD_FIELDS) {
      Object v = values[field.pos()];
      if (field.schema().getType() == Schema.Type.UNION) {
        varint(out, v == null ? 0 : 1);
        if (v == null) {
          continue;
        }
      } else if (v == null) {
        throw new IllegalArgumentException("payload field " + field.name() + " is required");
      }
      if (v instanceof Money m) {
        decimal(out, m.cents());
      } else {
        string(out, (String) v);
      }
    }
  }

  /** An Avro long (or int): zig-zag, then 7 bits a byte, low bits first. */
  private static void varint(ByteBuilder out, long value) {
    long n = (value << 1) ^ (value >> 63);
    while ((n & ~0x7fL) != 0) {
      out.append((char) ((n & 0x7f) | 0x80));
      n >>>= 7;
    }
    out.append((char) n);
  }

  /** An Avro string: its UTF-8 length and bytes. */
  private static void string(ByteBuilder out, String s) {
    boolean ascii = true;
    for (int i = 0; i < s.length() && ascii; i++) {
      ascii = s.charAt(i) < 0x80;
    }
    if (ascii) {
      varint(out, s.length());
      out.appendAscii(s);
    } else {
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      varint(out, utf8.length);
      out.put(utf8, 0, utf8.length);
    }
  }

  /** An Avro decimal on bytes: the unscaled value, big-endian two's complement, fewest bytes. */
  private static void decimal(ByteBuilder out, long unscaled) {
    int bytes = 1;
    while (bytes < 8 && (unscaled < -(1L << (8 * bytes - 1)) || unscaled >= (1L << (8 * bytes - 1)))) {
      bytes++;
    }
    varint(out, bytes);
    for (int i = bytes - 1; i >= 0; i--) {
      out.append((char) ((unscaled >>> (8 * i)) & 0xff));
    }
  }

}
