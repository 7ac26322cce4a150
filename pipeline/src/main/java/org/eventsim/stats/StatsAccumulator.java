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
import org.eventsim.model.Event;
import org.eventsim.model.EventType;
import org.eventsim.model.OrderArrivals;

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
   * Adds one order's deliveries: every delivery counts as a line (duplicates included, as the
   * Python tool counted lines), late ones as late; the order counts as out of order when some first
   * delivery arrives after an event that happened later. An order with no delivery (an increment
   * may keep none of its events) is not counted.
   */
  public void addOrder(OrderArrivals order) {
    if (order.isEmpty()) {
      return;
    }
    orders++;
    outOfOrderOrders += order.isOutOfOrder() ? 1 : 0;
    for (int i = 0; i < order.size(); i++) {
      Event e = order.event(i);
      duplicates += order.isRepeat(i) ? 1 : 0;
      events++;
      byType[e.type().ordinal()]++;
      bySchemaVersion[e.schemaVersion()]++;
      late += e.arrivesLate() ? 1 : 0;
      byIngestDay.add(e.ingestDay(), 1);
      byEventDay.add(e.eventDay(), 1);
    }
  }

  /** Orders counted so far (those with at least one delivery). */
  public long orders() {
    return orders;
  }

  /** Deliveries counted so far, duplicates included. */
  public long events() {
    return events;
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
