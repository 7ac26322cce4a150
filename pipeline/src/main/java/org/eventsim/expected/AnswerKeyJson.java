package org.eventsim.expected;

import static org.eventsim.expected.AnswerKeyAccumulator.CANCELLED;
import static org.eventsim.expected.AnswerKeyAccumulator.CORRECTED;
import static org.eventsim.expected.AnswerKeyAccumulator.CREATED;
import static org.eventsim.expected.AnswerKeyAccumulator.EVENT_DAY_COLUMNS;
import static org.eventsim.expected.AnswerKeyAccumulator.INGEST_DAY_COLUMNS;
import static org.eventsim.expected.AnswerKeyAccumulator.LATE;
import static org.eventsim.expected.AnswerKeyAccumulator.OUT_OF_ORDER;
import static org.eventsim.expected.AnswerKeyAccumulator.RECEIVED;
import static org.eventsim.expected.AnswerKeyAccumulator.REVENUE;
import static org.eventsim.expected.AnswerKeyAccumulator.SHIPPED;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eventsim.json.IndentedJson;
import org.eventsim.model.Currency;
import org.eventsim.model.Timestamps;

/**
 * The files of {@code expected/}: {@value #BY_EVENT_DATE} and {@value #BY_INGEST_DATE} (one entry
 * per UTC date, ascending) and {@value #TOTALS}. Revenue is a JSON number with exactly two
 * decimals, per currency, currencies ascending, only those with revenue.
 */
public final class AnswerKeyJson {
  public static final String BY_EVENT_DATE = "by_event_date.json";
  public static final String BY_INGEST_DATE = "by_ingest_date.json";
  public static final String TOTALS = "totals.json";

  private AnswerKeyJson() {}

  /** File name to text (each with a trailing newline). */
  static SortedMap<String, String> render(AnswerKeyAccumulator key) {
    long[] eventTotals = new long[EVENT_DAY_COLUMNS];
    Map<String, Object> byEventDate = new LinkedHashMap<>();
    for (Map.Entry<Integer, long[]> day : AnswerKeyAccumulator.sorted(key.byEventDay).entrySet()) {
      byEventDate.put(Timestamps.formatDate(day.getKey()), eventDay(day.getValue()));
      add(eventTotals, day.getValue());
    }
    long[] ingestTotals = new long[INGEST_DAY_COLUMNS];
    Map<String, Object> byIngestDate = new LinkedHashMap<>();
    for (Map.Entry<Integer, long[]> day : AnswerKeyAccumulator.sorted(key.byIngestDay).entrySet()) {
      byIngestDate.put(Timestamps.formatDate(day.getKey()), ingestDay(day.getValue()));
      add(ingestTotals, day.getValue());
    }
    Map<String, Object> totals = eventDay(eventTotals);
    totals.putAll(ingestDay(ingestTotals));

    SortedMap<String, String> files = new TreeMap<>();
    files.put(BY_EVENT_DATE, text(byEventDate));
    files.put(BY_INGEST_DATE, text(byIngestDate));
    files.put(TOTALS, text(totals));
    return files;
  }

  /**
   * One row of {@code table} as the JSON object its file holds for that date: {@code
   * {"orders_created": ..., "revenue": {...}}} or {@code {"events_received": ...}}.
   */
  public static Map<String, Object> row(AnswerKeyAccumulator.Table table, long[] row) {
    return table == AnswerKeyAccumulator.Table.BY_EVENT_DATE ? eventDay(row) : ingestDay(row);
  }

  /** The file of {@code table} in {@code expected/}. */
  public static String fileName(AnswerKeyAccumulator.Table table) {
    return table == AnswerKeyAccumulator.Table.BY_EVENT_DATE ? BY_EVENT_DATE : BY_INGEST_DATE;
  }

  private static Map<String, Object> eventDay(long[] row) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("orders_created", row[CREATED]);
    m.put("orders_cancelled", row[CANCELLED]);
    m.put("orders_shipped", row[SHIPPED]);
    m.put("orders_corrected", row[CORRECTED]);
    Map<String, BigDecimal> revenue = new LinkedHashMap<>();
    for (Currency c : Currency.values()) {
      if (row[REVENUE + c.ordinal()] != 0) {
        revenue.put(c.name(), BigDecimal.valueOf(row[REVENUE + c.ordinal()], 2));
      }
    }
    m.put("revenue", revenue);
    return m;
  }

  private static Map<String, Object> ingestDay(long[] row) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("events_received", row[RECEIVED]);
    m.put("late_events_received", row[LATE]);
    m.put("out_of_order_orders", row[OUT_OF_ORDER]);
    return m;
  }

  private static void add(long[] into, long[] row) {
    for (int i = 0; i < into.length; i++) {
      into[i] += row[i];
    }
  }

  private static String text(Object json) {
    return IndentedJson.render(json);
  }
}
