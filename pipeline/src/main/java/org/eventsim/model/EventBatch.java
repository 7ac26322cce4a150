package org.eventsim.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.util.VarInt;

/**
 * The events of a block of orders: each order's events together and in business order, orders in
 * index order. The pipeline's element between generation and the sinks; coarse on purpose, so the
 * engine's per-element cost is paid per block rather than per event. Immutable.
 */
public final class EventBatch {
  private final List<EventRecord> records;

  public EventBatch(List<EventRecord> records) {
    this.records = Collections.unmodifiableList(new ArrayList<>(records));
  }

  public List<EventRecord> records() {
    return records;
  }

  public int size() {
    return records.size();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EventBatch b && b.records.equals(records);
  }

  @Override
  public int hashCode() {
    return records.hashCode();
  }

  @Override
  public String toString() {
    return "EventBatch" + records;
  }

  /** Deterministic coder for {@link EventBatch}. */
  public static final class Coder extends AtomicCoder<EventBatch> {
    private static final Coder INSTANCE = new Coder();
    private static final EventType[] TYPES = EventType.values();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(EventBatch value, OutputStream out) throws IOException {
      DataOutputStream data = new DataOutputStream(out);
      VarInt.encode(value.records.size(), data);
      for (EventRecord r : value.records) {
        VarInt.encode(r.orderIndex(), data);
        data.writeByte(r.type().ordinal());
        data.writeByte(r.schemaVersion());
        data.writeLong(r.eventTimeMicros());
        data.writeLong(r.ingestTimeMicros());
        data.writeLong(r.eventIdMsb());
        data.writeLong(r.eventIdLsb());
        VarInt.encode(r.line().length, data);
        data.write(r.line());
      }
      data.flush();
    }

    @Override
    public EventBatch decode(InputStream in) throws IOException {
      DataInputStream data = new DataInputStream(in);
      int n = VarInt.decodeInt(data);
      List<EventRecord> records = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        long orderIndex = VarInt.decodeLong(data);
        EventType type = TYPES[data.readUnsignedByte()];
        int schemaVersion = data.readUnsignedByte();
        long eventTime = data.readLong();
        long ingestTime = data.readLong();
        long msb = data.readLong();
        long lsb = data.readLong();
        byte[] line = new byte[VarInt.decodeInt(data)];
        data.readFully(line);
        records.add(
            new EventRecord(orderIndex, type, schemaVersion, eventTime, ingestTime, msb, lsb, line));
      }
      return new EventBatch(records);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
