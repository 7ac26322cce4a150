package org.eventsim.expected;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.util.VarInt;
import org.eventsim.model.Currency;
import org.eventsim.model.Event;
import org.eventsim.model.Money;
import org.eventsim.model.OrderArrivals;

/**
 * The running answer key: what a correct consumer of the written events must compute, per UTC
 * date. Mutable and additive (merging is summing), fed one order at a time where its events are
 * generated, so no step ever regroups events by order.
 *
 * <p>Every figure is over <em>first deliveries</em>: a duplicate (same event_id as an earlier
 * delivery) changes nothing. Per event date (the event's event_time): orders created, cancelled,
 * shipped and corrected (events of that type), and revenue — for each order whose order_created
 * happened that day and that has no order_cancelled, its final amount (the correction's
 * new_amount if it has one, else the created amount), summed per currency in cents. Per ingest date
 * (the first delivery's ingest_time): events received, late events received (ingest date after
 * event date), and out-of-order orders, counted on the ingest date of the order's first event that
 * arrives after an event that happened later.
 */
public final class AnswerKeyAccumulator {
  static final int CREATED = 0;
  static final int CANCELLED = 1;
  static final int SHIPPED = 2;
  static final int CORRECTED = 3;
  /** Columns of revenue in cents, one per {@link Currency}, in its (alphabetical) order. */
  static final int REVENUE = 4;
  static final int EVENT_DAY_COLUMNS = REVENUE + Currency.values().length;

  static final int RECEIVED = 0;
  static final int LATE = 1;
  static final int OUT_OF_ORDER = 2;
  static final int INGEST_DAY_COLUMNS = 3;

  final Map<Integer, long[]> byEventDay = new HashMap<>();
  final Map<Integer, long[]> byIngestDay = new HashMap<>();

  /**
   * Adds one order's deliveries; repeats (duplicates) are skipped, so every figure is over first
   * deliveries.
   */
  public void addOrder(OrderArrivals order) {
    Event created = null;
    Event correction = null;
    boolean cancelled = false;
    for (int i = 0; i < order.size(); i++) {
      if (order.isRepeat(i)) {
        continue;
      }
      Event e = order.event(i);
      long[] day = row(byEventDay, e.eventDay(), EVENT_DAY_COLUMNS);
      switch (e.type()) {
        case ORDER_CREATED -> {
          day[CREATED]++;
          created = e;
        }
        case ORDER_CANCELLED -> {
          day[CANCELLED]++;
          cancelled = true;
        }
        case ORDER_SHIPPED -> day[SHIPPED]++;
        case ORDER_AMOUNT_CORRECTED -> {
          day[CORRECTED]++;
          correction = e;
        }
        case PAYMENT_AUTHORIZED -> {}
      }
      long[] arrival = row(byIngestDay, e.ingestDay(), INGEST_DAY_COLUMNS);
      arrival[RECEIVED]++;
      arrival[LATE] += e.arrivesLate() ? 1 : 0;
    }
    if (created != null && !cancelled) {
      Money amount =
          (Money) (correction != null
              ? correction.payload().get("new_amount")
              : created.payload().get("amount"));
      Currency currency = Currency.valueOf((String) created.payload().get("currency"));
      row(byEventDay, created.eventDay(), EVENT_DAY_COLUMNS)[REVENUE + currency.ordinal()] +=
          amount.cents();
    }
    if (order.isOutOfOrder()) {
      row(byIngestDay, order.firstOutOfOrder().ingestDay(), INGEST_DAY_COLUMNS)[OUT_OF_ORDER]++;
    }
  }

  /** The tables of the answer key: a file of {@code expected/} each. */
  public enum Table {
    /** {@code by_event_date.json}: what happened on each day. */
    BY_EVENT_DATE,
    /** {@code by_ingest_date.json}: what arrived on each day. */
    BY_INGEST_DATE;

    /** Number of figures in one of its rows. */
    public int columns() {
      return this == BY_EVENT_DATE ? EVENT_DAY_COLUMNS : INGEST_DAY_COLUMNS;
    }
  }

  /**
   * Takes the row of {@code day} out of {@code table}: its figures, or null when no event counted
   * there. A live run hands each day's row on once it is final and keeps nothing of it.
   */
  public long[] removeRow(Table table, int day) {
    return (table == Table.BY_EVENT_DATE ? byEventDay : byIngestDay).remove(day);
  }

  private static long[] row(Map<Integer, long[]> table, int day, int columns) {
    return table.computeIfAbsent(day, d -> new long[columns]);
  }

  /** Adds {@code other}'s figures to this. */
  void merge(AnswerKeyAccumulator other) {
    mergeTable(byEventDay, other.byEventDay, EVENT_DAY_COLUMNS);
    mergeTable(byIngestDay, other.byIngestDay, INGEST_DAY_COLUMNS);
  }

  private static void mergeTable(Map<Integer, long[]> into, Map<Integer, long[]> from, int columns) {
    for (Map.Entry<Integer, long[]> e : from.entrySet()) {
      long[] row = row(into, e.getKey(), columns);
      for (int i = 0; i < columns; i++) {
        row[i] += e.getValue()[i];
      }
    }
  }

  static TreeMap<Integer, long[]> sorted(Map<Integer, long[]> table) {
    return new TreeMap<>(table);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AnswerKeyAccumulator a
        && sameTable(a.byEventDay, byEventDay)
        && sameTable(a.byIngestDay, byIngestDay);
  }

  private static boolean sameTable(Map<Integer, long[]> a, Map<Integer, long[]> b) {
    if (!a.keySet().equals(b.keySet())) {
      return false;
    }
    for (Map.Entry<Integer, long[]> e : a.entrySet()) {
      if (!Arrays.equals(e.getValue(), b.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return byEventDay.keySet().hashCode() * 31 + byIngestDay.keySet().hashCode();
  }

  /** Deterministic coder: days ascending, every column as a VarInt. */
  public static final class Coder extends AtomicCoder<AnswerKeyAccumulator> {
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(AnswerKeyAccumulator a, OutputStream out) throws IOException {
      DataOutputStream data = new DataOutputStream(out);
      encodeTable(a.byEventDay, data);
      encodeTable(a.byIngestDay, data);
      data.flush();
    }

    @Override
    public AnswerKeyAccumulator decode(InputStream in) throws IOException {
      DataInputStream data = new DataInputStream(in);
      AnswerKeyAccumulator a = new AnswerKeyAccumulator();
      decodeTable(a.byEventDay, EVENT_DAY_COLUMNS, data);
      decodeTable(a.byIngestDay, INGEST_DAY_COLUMNS, data);
      return a;
    }

    private static void encodeTable(Map<Integer, long[]> table, DataOutputStream data)
        throws IOException {
      VarInt.encode(table.size(), data);
      for (Map.Entry<Integer, long[]> e : sorted(table).entrySet()) {
        data.writeInt(e.getKey());
        for (long n : e.getValue()) {
          VarInt.encode(n, data);
        }
      }
    }

    private static void decodeTable(Map<Integer, long[]> table, int columns, DataInputStream data)
        throws IOException {
      int n = VarInt.decodeInt(data);
      for (int i = 0; i < n; i++) {
        int day = data.readInt();
        long[] row = new long[columns];
        for (int c = 0; c < columns; c++) {
          row[c] = VarInt.decodeLong(data);
        }
        table.put(day, row);
      }
    }

    @Override
    public void verifyDeterministic() {}
  }
}
