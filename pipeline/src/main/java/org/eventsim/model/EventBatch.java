package org.eventsim.model;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.util.VarInt;
import org.eventsim.text.ByteBuilder;

/**
 * The events of a block of orders: each order's events together and in business order, orders in
 * index order. The pipeline's element between generation and the sinks.
 *
 * <p>Coarse and packed on purpose: the events live in one byte array, each as a fixed header
 * ({@code order index, type, schema version, event time, ingest time, event id}) followed by its
 * JSON line, so that an engine moves or serializes a batch with one copy, and its per-element cost
 * is paid per thousand orders rather than per event. Read it with a {@link Cursor}. Immutable.
 */
public final class EventBatch {
  /** order index 8, type 1, schema version 1, event time 8, ingest time 8, id 16, line length 4 */
  static final int HEADER = 8 + 1 + 1 + 8 + 8 + 16 + 4;

  private static final EventType[] TYPES = EventType.values();

  private final byte[] data;
  private final int size;

  private EventBatch(byte[] data, int size) {
    this.data = data;
    this.size = size;
  }

  /** Number of events. */
  public int size() {
    return size;
  }

  /** Bytes of the events' lines, one newline each included: what they take in a file. */
  public long lineBytes() {
    return data.length - (long) size * (HEADER - 1);
  }

  /** The events of {@code parts}, one batch after another. */
  public static EventBatch concat(java.util.List<EventBatch> parts) {
    int bytes = 0;
    int size = 0;
    for (EventBatch b : parts) {
      bytes += b.data.length;
      size += b.size;
    }
    byte[] data = new byte[bytes];
    int at = 0;
    for (EventBatch b : parts) {
      System.arraycopy(b.data, 0, data, at, b.data.length);
      at += b.data.length;
    }
    return new EventBatch(data, size);
  }

  /** A cursor before the first event. */
  public Cursor cursor() {
    return new Cursor();
  }

  /**
   * A builder that renders each event's line with {@code renderer} (the JSON of events.ndjson; the
   * model does not know the format).
   */
  public static Builder builder(LineRenderer renderer) {
    return new Builder(renderer, 1 << 16);
  }

  /** The same, starting with room for {@code capacity} bytes (it grows as needed). */
  public static Builder builder(LineRenderer renderer, int capacity) {
    return new Builder(renderer, capacity);
  }

  /** Renders an event's line, without its newline. */
  @FunctionalInterface
  public interface LineRenderer extends java.io.Serializable {
    void append(ByteBuilder out, Event e);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EventBatch b && b.size == size && Arrays.equals(b.data, data);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "EventBatch{" + size + " events, " + data.length + " bytes}";
  }

  /** Walks the events of the batch in order; the accessors read the current event. */
  public final class Cursor {
    private int position = -1;
    private int next = 0;

    /** Moves to the next event; false at the end. */
    public boolean next() {
      if (next >= data.length) {
        return false;
      }
      position = next;
      next = position + HEADER + lineLength();
      return true;
    }

    public long orderIndex() {
      return readLong(position);
    }

    public EventType type() {
      return TYPES[data[position + 8]];
    }

    public int schemaVersion() {
      return data[position + 9];
    }

    public long eventTimeMicros() {
      return readLong(position + 10);
    }

    public long ingestTimeMicros() {
      return readLong(position + 18);
    }

    public long eventIdMsb() {
      return readLong(position + 26);
    }

    public long eventIdLsb() {
      return readLong(position + 34);
    }

    /** The array holding the line. */
    public byte[] data() {
      return data;
    }

    public int lineOffset() {
      return position + HEADER;
    }

    public int lineLength() {
      return readInt(position + 42);
    }

    /** The current event alone, as a batch of one (its bytes copied). */
    public EventBatch single() {
      return new EventBatch(Arrays.copyOfRange(data, position, next), 1);
    }

    /** UTC day of the event time. */
    public int eventDay() {
      return Timestamps.epochDay(eventTimeMicros());
    }

    /** UTC day of the arrival. */
    public int ingestDay() {
      return Timestamps.epochDay(ingestTimeMicros());
    }

    private long readLong(int at) {
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | (data[at + i] & 0xff);
      }
      return v;
    }

    private int readInt(int at) {
      return ((data[at] & 0xff) << 24)
          | ((data[at + 1] & 0xff) << 16)
          | ((data[at + 2] & 0xff) << 8)
          | (data[at + 3] & 0xff);
    }
  }

  /** Appends events, rendering each one's line straight into the batch. */
  public static final class Builder {
    private final ByteBuilder out;
    private final LineRenderer renderer;
    private int size;

    private Builder(LineRenderer renderer, int capacity) {
      this.out = new ByteBuilder(capacity);
      this.renderer = renderer;
    }

    public Builder add(Event e) {
      out.putLong(e.order().orderIndex())
          .append((char) e.type().ordinal())
          .append((char) e.schemaVersion())
          .putLong(e.eventTimeMicros())
          .putLong(e.ingestTimeMicros())
          .putLong(e.eventId().getMostSignificantBits())
          .putLong(e.eventId().getLeastSignificantBits())
          .putInt(0);
      int lengthAt = out.length() - 4;
      renderer.append(out, e);
      out.setInt(lengthAt, out.length() - lengthAt - 4);
      size++;
      return this;
    }

    public EventBatch build() {
      return new EventBatch(out.toByteArray(), size);
    }
  }

  /** Deterministic coder: the event count and the packed bytes. */
  public static final class Coder extends AtomicCoder<EventBatch> {
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(EventBatch value, OutputStream out) throws IOException {
      VarInt.encode(value.size, out);
      VarInt.encode(value.data.length, out);
      out.write(value.data);
    }

    @Override
    public EventBatch decode(InputStream in) throws IOException {
      int size = VarInt.decodeInt(in);
      byte[] data = new byte[VarInt.decodeInt(in)];
      new DataInputStream(in).readFully(data);
      return new EventBatch(data, size);
    }

    @Override
    public void verifyDeterministic() {}

  }
}
