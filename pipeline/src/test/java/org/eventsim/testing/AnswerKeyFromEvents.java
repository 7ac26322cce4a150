package org.eventsim.testing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The answer key recomputed the way a user's pipeline would: from the JSON lines alone, with no
 * code of event-sim. Dedupe by event_id (first delivery wins; the file is in arrival order), count
 * per event date and per ingest date (the first 10 characters of the timestamps), apply the
 * correction to each non-cancelled order's amount, and detect out-of-order orders by walking each
 * order's events in arrival order.
 */
public final class AnswerKeyFromEvents {
  public static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final List<String> LIFECYCLE =
      List.of("order_created", "payment_authorized", "order_cancelled", "order_amount_corrected", "order_shipped");

  private AnswerKeyFromEvents() {}

  /** The three files of expected/, in {@link #canonical} form, from the lines of {@code eventsFile}. */
  public static Map<String, Object> of(Path eventsFile) throws IOException {
    Map<String, JsonNode> firstDeliveries = new LinkedHashMap<>();
    try (Stream<String> lines = Files.lines(eventsFile)) {
      lines.forEach(line -> {
        try {
          JsonNode e = JSON.readTree(line);
          firstDeliveries.putIfAbsent(e.get("event_id").asText(), e);
        } catch (IOException ex) {
          throw new UncheckedIOException(ex);
        }
      });
    }
    Map<String, List<JsonNode>> byOrder = new LinkedHashMap<>();
    for (JsonNode e : firstDeliveries.values()) {
      byOrder.computeIfAbsent(e.get("payload").get("order_id").asText(), k -> new ArrayList<>()).add(e);
    }

    TreeMap<String, ObjectNode> byEventDate = new TreeMap<>();
    TreeMap<String, ObjectNode> byIngestDate = new TreeMap<>();
    for (List<JsonNode> arrival : byOrder.values()) {
      JsonNode created = null;
      JsonNode correction = null;
      boolean cancelled = false;
      for (JsonNode e : arrival) {
        String type = e.get("event_type").asText();
        String eventDate = date(e, "event_time");
        String ingestDate = date(e, "ingest_time");
        ObjectNode day = byEventDate.computeIfAbsent(eventDate, d -> eventDay());
        switch (type) {
          case "order_created" -> {
            increment(day, "orders_created");
            created = e;
          }
          case "order_cancelled" -> {
            increment(day, "orders_cancelled");
            cancelled = true;
          }
          case "order_shipped" -> increment(day, "orders_shipped");
          case "order_amount_corrected" -> {
            increment(day, "orders_corrected");
            correction = e;
          }
          default -> {}
        }
        ObjectNode in = byIngestDate.computeIfAbsent(ingestDate, d -> ingestDay());
        increment(in, "events_received");
        if (ingestDate.compareTo(eventDate) > 0) {
          increment(in, "late_events_received");
        }
      }
      if (created != null && !cancelled) {
        BigDecimal amount =
            correction != null
                ? correction.get("payload").get("new_amount").decimalValue()
                : created.get("payload").get("amount").decimalValue();
        ObjectNode revenue = (ObjectNode) byEventDate.get(date(created, "event_time")).get("revenue");
        addRevenue(revenue, created.get("payload").get("currency").asText(), amount);
      }
      JsonNode latest = null;
      for (JsonNode e : arrival) {
        if (latest != null && happenedBefore(e, latest)) {
          increment(byIngestDate.get(date(e, "ingest_time")), "out_of_order_orders");
          break;
        }
        if (latest == null || happenedBefore(latest, e)) {
          latest = e;
        }
      }
    }

    ObjectNode totals = eventDay();
    totals.setAll(ingestDay());
    for (ObjectNode day : byEventDate.values()) {
      for (String f : List.of("orders_created", "orders_cancelled", "orders_shipped", "orders_corrected")) {
        totals.put(f, totals.get(f).asLong() + day.get(f).asLong());
      }
      day.get("revenue").fields().forEachRemaining(r ->
          addRevenue((ObjectNode) totals.get("revenue"), r.getKey(), r.getValue().decimalValue()));
    }
    for (ObjectNode day : byIngestDate.values()) {
      for (String f : List.of("events_received", "late_events_received", "out_of_order_orders")) {
        totals.put(f, totals.get(f).asLong() + day.get(f).asLong());
      }
    }
    sortRevenue(totals);
    byEventDate.values().forEach(AnswerKeyFromEvents::sortRevenue);

    Map<String, Object> files = new TreeMap<>();
    files.put("by_event_date.json", canonical(JSON.valueToTree(byEventDate)));
    files.put("by_ingest_date.json", canonical(JSON.valueToTree(byIngestDate)));
    files.put("totals.json", canonical(totals));
    return files;
  }

  /**
   * A JSON tree as plain values to compare: objects as sorted maps, numbers as their plain decimal
   * text without trailing zeros (so 12.50 equals 12.5 and an int equals a long).
   */
  private static Object canonical(JsonNode n) {
    if (n.isObject()) {
      Map<String, Object> m = new TreeMap<>();
      n.fields().forEachRemaining(f -> m.put(f.getKey(), canonical(f.getValue())));
      return m;
    }
    if (n.isNumber()) {
      return n.decimalValue().stripTrailingZeros().toPlainString();
    }
    return n.asText();
  }

  /** The files of {@code outDir}/expected, in {@link #canonical} form. */
  public static Map<String, Object> read(Path outDir) throws IOException {
    Map<String, Object> files = new TreeMap<>();
    try (Stream<Path> list = Files.list(outDir.resolve("expected"))) {
      for (Path f : (Iterable<Path>) list::iterator) {
        files.put(f.getFileName().toString(), canonical(JSON.readTree(f.toFile())));
      }
    }
    return files;
  }

  private static boolean happenedBefore(JsonNode a, JsonNode b) {
    int byTime = a.get("event_time").asText().compareTo(b.get("event_time").asText());
    if (byTime != 0) {
      return byTime < 0;
    }
    return LIFECYCLE.indexOf(a.get("event_type").asText()) < LIFECYCLE.indexOf(b.get("event_type").asText());
  }

  private static String date(JsonNode e, String field) {
    return e.get(field).asText().substring(0, 10);
  }

  private static ObjectNode eventDay() {
    ObjectNode n = JSON.createObjectNode();
    n.put("orders_created", 0L);
    n.put("orders_cancelled", 0L);
    n.put("orders_shipped", 0L);
    n.put("orders_corrected", 0L);
    n.putObject("revenue");
    return n;
  }

  private static ObjectNode ingestDay() {
    ObjectNode n = JSON.createObjectNode();
    n.put("events_received", 0L);
    n.put("late_events_received", 0L);
    n.put("out_of_order_orders", 0L);
    return n;
  }

  private static void increment(ObjectNode n, String field) {
    n.put(field, n.get(field).asLong() + 1);
  }

  private static void addRevenue(ObjectNode revenue, String currency, BigDecimal amount) {
    BigDecimal sum = revenue.has(currency) ? revenue.get(currency).decimalValue() : BigDecimal.ZERO;
    revenue.put(currency, sum.add(amount).setScale(2));
  }

  private static void sortRevenue(ObjectNode day) {
    ObjectNode revenue = (ObjectNode) day.get("revenue");
    TreeMap<String, JsonNode> sorted = new TreeMap<>();
    revenue.fields().forEachRemaining(f -> sorted.put(f.getKey(), f.getValue()));
    revenue.removeAll();
    revenue.setAll(sorted);
  }
}
