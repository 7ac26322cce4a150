package org.eventsim.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
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

  /** Appends the Avro binary encoding of {@code e} to {@code out}. */
  public static void append(ByteBuilder out, Event e) {
    BinaryEncoder avro = EncoderFactory.get().directBinaryEncoder(new Appender(out), null);
    try {
      write(avro, e);
      avro.flush();
    } catch (IOException x) {
      throw new UncheckedIOException(x); // into memory: cannot happen
    }
  }

  private static void write(BinaryEncoder avro, Event e) throws IOException {
    OrderContext o = e.order();
    avro.writeString(e.eventId().toString());
    avro.writeString(e.type().wireName());
    avro.writeInt(e.schemaVersion());
    avro.writeLong(e.eventTimeMicros());
    avro.writeLong(e.ingestTimeMicros());
    avro.writeString(o.tenantId());
    avro.writeString(o.userId());
    avro.writeString(o.sessionId());
    avro.writeString(o.sourceSystem());
    avro.writeString(o.environment());
    avro.writeString(Event.RECORD_SOURCE);
    writePayload(avro, e.payload());
    avro.writeString(e.checksum());
  }

  /** The payload's fields in the struct's order; each one the schema has not is an error. */
  private static void writePayload(BinaryEncoder avro, Payload payload) throws IOException {
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
      boolean nullable = field.schema().getType() == Schema.Type.UNION;
      if (nullable) {
        avro.writeIndex(v == null ? 0 : 1);
        if (v == null) {
          continue;
        }
      } else if (v == null) {
        throw new IllegalArgumentException("payload field " + field.name() + " is required");
      }
      if (v instanceof Money m) {
        avro.writeBytes(BigInteger.valueOf(m.cents()).toByteArray());
      } else {
        avro.writeString((String) v);
      }
    }
  }

  /** An output stream into a {@link ByteBuilder}. */
  private static final class Appender extends OutputStream {
    private final ByteBuilder out;

    Appender(ByteBuilder out) {
      this.out = out;
    }

    @Override
    public void write(int b) {
      out.append((char) (b & 0xff));
    }

    @Override
    public void write(byte[] b, int off, int len) {
      out.put(b, off, len);
    }
  }
}
