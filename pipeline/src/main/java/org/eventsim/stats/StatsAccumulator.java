package org.eventsim.stats;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.util.VarInt;
import org.eventsim.model.EventRecord;
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
  final TreeMap<Integer, Long> byIngestDay = new TreeMap<>();
  final TreeMap<Integer, Long> byEventDay = new TreeMap<>();

  /**
   * Adds one order's events, given in business order. The order counts as out of order when its
   * arrival order differs from its business order, i.e. some event arrives after one that
   * happened later.
   */
  void addOrder(java.util.List<EventRecord> byBusiness) {
    orders++;
    boolean outOfOrder = false;
    EventRecord previous = null;
    for (EventRecord r : byBusiness) {
      events++;
      byType[r.type().ordinal()]++;
      bySchemaVersion[r.schemaVersion()]++;
      if (r.isLate()) {
        late++;
      }
      byIngestDay.merge(r.ingestDay(), 1L, Long::sum);
      byEventDay.merge(r.eventDay(), 1L, Long::sum);
      if (previous != null && previous.compareArrival(r) > 0) {
        outOfOrder = true;
      }
      previous = r;
    }
    if (outOfOrder) {
      outOfOrderOrders++;
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
    other.byIngestDay.forEach((d, n) -> byIngestDay.merge(d, n, Long::sum));
    other.byEventDay.forEach((d, n) -> byEventDay.merge(d, n, Long::sum));
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
      decodeDays(a.byIngestDay, data);
      decodeDays(a.byEventDay, data);
      return a;
    }

    private static void encodeDays(TreeMap<Integer, Long> days, DataOutputStream data)
        throws IOException {
      VarInt.encode(days.size(), data);
      for (Map.Entry<Integer, Long> e : days.entrySet()) {
        data.writeInt(e.getKey());
        VarInt.encode(e.getValue(), data);
      }
    }

    private static void decodeDays(TreeMap<Integer, Long> days, DataInputStream data)
        throws IOException {
      int n = VarInt.decodeInt(data);
      for (int i = 0; i < n; i++) {
        days.put(data.readInt(), VarInt.decodeLong(data));
      }
    }

    @Override
    public void verifyDeterministic() {}
  }
}
