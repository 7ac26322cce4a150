package org.eventsim.stats;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Map;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.util.VarInt;
import org.eventsim.model.EventBatch;
import org.eventsim.model.Event;
import org.eventsim.model.EventType;

/** The mutable running totals behind {@link RunStats}; additive, so merging is summing. */
public final class StatsAccumulator {
  long orders;
  long events;
  final long[] byType = new long[EventType.values().length];
  /** Index = schema version; versions 1 and 2 exist. */
  final long[] bySchemaVersion = new long[3];
  long late;
  long outOfOrderOrders;
  long duplicates;
  final DayCounts byIngestDay = new DayCounts();
  final DayCounts byEventDay = new DayCounts();

  /**
   * The totals of one batch. Batches hold whole orders, each order's events together and in
   * business order; an order counts as out of order when its arrival order differs from that, i.e.
   * some event arrives after one that happened later. A duplicate (listed right after the event it
   * repeats, same event_id) counts as a line but not in the out-of-order test.
   */
  public static StatsAccumulator of(EventBatch batch) {
    StatsAccumulator acc = new StatsAccumulator();
    EventBatch.Cursor c = batch.cursor();
    long order = -1;
    boolean outOfOrder = false;
    long prevIngest = 0;
    long prevMsb = 0;
    long prevLsb = 0;
    while (c.next()) {
      long ingest = c.ingestTimeMicros();
      long msb = c.eventIdMsb();
      long lsb = c.eventIdLsb();
      if (c.orderIndex() != order) {
        acc.endOrder(order >= 0, outOfOrder);
        order = c.orderIndex();
        outOfOrder = false;
      } else if (msb == prevMsb && lsb == prevLsb) {
        acc.duplicates++;
      } else if (Event.compareArrival(prevIngest, prevMsb, prevLsb, ingest, msb, lsb) > 0) {
        outOfOrder = true;
      }
      if (msb != prevMsb || lsb != prevLsb) {
        prevIngest = ingest;
        prevMsb = msb;
        prevLsb = lsb;
      }
      int ingestDay = c.ingestDay();
      int eventDay = c.eventDay();
      acc.events++;
      acc.byType[c.type().ordinal()]++;
      acc.bySchemaVersion[c.schemaVersion()]++;
      acc.late += ingestDay > eventDay ? 1 : 0;
      acc.byIngestDay.add(ingestDay, 1);
      acc.byEventDay.add(eventDay, 1);
    }
    acc.endOrder(order >= 0, outOfOrder);
    return acc;
  }

  private void endOrder(boolean any, boolean outOfOrder) {
    if (any) {
      orders++;
      outOfOrderOrders += outOfOrder ? 1 : 0;
    }
  }

  /** Adds {@code other}'s totals to this. */
  void merge(StatsAccumulator other) {
    orders += other.orders;
    events += other.events;
    for (int i = 0; i < byType.length; i++) {
      byType[i] += other.byType[i];
    }
    for (int i = 0; i < bySchemaVersion.length; i++) {
      bySchemaVersion[i] += other.bySchemaVersion[i];
    }
    late += other.late;
    outOfOrderOrders += other.outOfOrderOrders;
    duplicates += other.duplicates;
    byIngestDay.merge(other.byIngestDay);
    byEventDay.merge(other.byEventDay);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StatsAccumulator a
        && a.orders == orders
        && a.events == events
        && Arrays.equals(a.byType, byType)
        && Arrays.equals(a.bySchemaVersion, bySchemaVersion)
        && a.late == late
        && a.outOfOrderOrders == outOfOrderOrders
        && a.duplicates == duplicates
        && a.byIngestDay.equals(byIngestDay)
        && a.byEventDay.equals(byEventDay);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(events * 31 + orders);
  }

  /** Deterministic coder for {@link StatsAccumulator}. */
  public static final class Coder extends AtomicCoder<StatsAccumulator> {
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(StatsAccumulator a, OutputStream out) throws IOException {
      DataOutputStream data = new DataOutputStream(out);
      VarInt.encode(a.orders, data);
      VarInt.encode(a.events, data);
      for (long n : a.byType) {
        VarInt.encode(n, data);
      }
      for (long n : a.bySchemaVersion) {
        VarInt.encode(n, data);
      }
      VarInt.encode(a.late, data);
      VarInt.encode(a.outOfOrderOrders, data);
      VarInt.encode(a.duplicates, data);
      encodeDays(a.byIngestDay, data);
      encodeDays(a.byEventDay, data);
      data.flush();
    }

    @Override
    public StatsAccumulator decode(InputStream in) throws IOException {
      DataInputStream data = new DataInputStream(in);
      StatsAccumulator a = new StatsAccumulator();
      a.orders = VarInt.decodeLong(data);
      a.events = VarInt.decodeLong(data);
      for (int i = 0; i < a.byType.length; i++) {
        a.byType[i] = VarInt.decodeLong(data);
      }
      for (int i = 0; i < a.bySchemaVersion.length; i++) {
        a.bySchemaVersion[i] = VarInt.decodeLong(data);
      }
      a.late = VarInt.decodeLong(data);
      a.outOfOrderOrders = VarInt.decodeLong(data);
      a.duplicates = VarInt.decodeLong(data);
      decodeDays(a.byIngestDay, data);
      decodeDays(a.byEventDay, data);
      return a;
    }

    private static void encodeDays(DayCounts counts, DataOutputStream data) throws IOException {
      Map<Integer, Long> days = counts.toMap();
      VarInt.encode(days.size(), data);
      for (Map.Entry<Integer, Long> e : days.entrySet()) {
        data.writeInt(e.getKey());
        VarInt.encode(e.getValue(), data);
      }
    }

    private static void decodeDays(DayCounts days, DataInputStream data) throws IOException {
      int n = VarInt.decodeInt(data);
      for (int i = 0; i < n; i++) {
        days.add(data.readInt(), VarInt.decodeLong(data));
      }
    }

    @Override
    public void verifyDeterministic() {}
  }
}
