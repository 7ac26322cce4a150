package org.eventsim.stats;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eventsim.json.IndentedJson;
import org.eventsim.model.EventType;

/**
 * stats.json: the Python tool's fields ({@code n_events, n_orders, event_types,
 * late_events_estimate, late_rate_observed, out_dir}) plus {@code out_of_order_orders}, counts per
 * schema version and per date, the seed, the resolved start and every flag's value. Indented like
 * Python's {@code json.dumps(..., indent=2)}. Same flags give the same text, apart from {@code
 * out_dir}.
 */
public final class StatsJson {
  private StatsJson() {}

  /**
   * The stats.json text (with a trailing newline).
   *
   * @param settings every flag's value by its stats.json name, in output order; must contain
   *     {@code seed} and {@code start}
   * @param outDir the output folder as the user gave it
   */
  public static String render(RunStats stats, Map<String, Object> settings, String outDir) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("n_events", stats.events());
    json.put("n_orders", stats.orders());
    Map<String, Long> types = new LinkedHashMap<>();
    for (EventType t : EventType.values()) {
      types.put(t.wireName(), stats.eventTypes().get(t));
    }
    json.put("event_types", types);
    json.put("late_events_estimate", stats.lateEvents());
    json.put("late_rate_observed", pythonRound4(stats.lateEvents(), stats.events()));
    json.put("out_of_order_orders", stats.outOfOrderOrders());
    json.put("out_of_order_rate_observed", rate(stats.outOfOrderOrders(), stats.orders()));
    json.put("duplicates", stats.duplicates());
    Map<String, Long> versions = new LinkedHashMap<>();
    stats.schemaVersions().forEach((v, n) -> versions.put(Integer.toString(v), n));
    json.put("schema_versions", versions);
    json.put("events_by_ingest_date", stats.eventsByIngestDate());
    json.put("events_by_event_date", stats.eventsByEventDate());
    json.put("seed", settings.get("seed"));
    json.put("start", settings.get("start"));
    json.put("config", settings);
    json.put("out_dir", outDir);
    return IndentedJson.render(json);
  }

  /**
   * The Python tool's {@code round(part / whole, 4)} as its {@code json.dumps} printed it: the
   * double quotient rounded on its exact binary value to four decimals, ties to even, written as
   * Python's float repr ({@code 0.0672}, {@code 0.1}, {@code 0.0}); 0.0 for an empty run.
   */
  static BigDecimal pythonRound4(long part, long whole) {
    double quotient = whole == 0 ? 0.0 : (double) part / whole;
    BigDecimal rounded = new BigDecimal(quotient).setScale(4, RoundingMode.HALF_EVEN).stripTrailingZeros();
    return rounded.scale() < 1 ? rounded.setScale(1) : rounded;
  }

  /** {@code part / whole} rounded to six decimals (0 when whole is 0). */
  static BigDecimal rate(long part, long whole) {
    if (whole == 0) {
      return BigDecimal.ZERO;
    }
    return BigDecimal.valueOf(part)
        .divide(BigDecimal.valueOf(whole), 6, RoundingMode.HALF_EVEN)
        .stripTrailingZeros();
  }
}
