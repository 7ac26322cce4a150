package org.eventsim.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The complete run an output folder holds, as its stats.json describes it: whether it was a daily
 * increment, and the settings of its model — every setting but those that choose which orders or
 * days are written and where and how ({@link #NOT_MODEL}). A folder of daily increments holds the
 * days of one model; see {@link OutputLocation#prepare} for what a run over another model's folder
 * does.
 *
 * @param increment whether the run was a daily increment ({@code ingest_dates} set)
 * @param model the model's settings, by stats.json name
 */
record PreviousRun(boolean increment, Map<String, JsonNode> model) {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Settings that are not the model: which orders or days, and where and how they are written. */
  static final Set<String> NOT_MODEL =
      Set.of("n_orders", "first_order", "ingest_dates", "kafka_bootstrap", "kafka_topic", "kafka_partitions",
          "no_files", "format", "compression");

  /** What {@code statsJson} (a stats.json's bytes) says; empty when it cannot be read as one. */
  static Optional<PreviousRun> of(byte[] statsJson) {
    try {
      JsonNode config = JSON.readTree(statsJson).path("config");
      return config.isObject() ? Optional.of(fromConfig(config)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The run that {@code settings} (stats.json's {@code config}, as this run will write it) describe. */
  static PreviousRun of(Map<String, Object> settings) {
    return fromConfig(JSON.valueToTree(settings));
  }

  private static PreviousRun fromConfig(JsonNode config) {
    Map<String, JsonNode> model = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!NOT_MODEL.contains(e.getKey())) {
        model.put(e.getKey(), e.getValue());
      }
    }
    return new PreviousRun(!config.path("ingest_dates").isNull() && config.has("ingest_dates"), model);
  }

  /**
   * How this folder's model differs from {@code other}'s, flag by flag, e.g. {@code --seed 7 there,
   * 42 here}; empty when they are the same model.
   */
  List<String> differencesFrom(PreviousRun other) {
    List<String> diffs = new ArrayList<>();
    Set<String> keys = new java.util.TreeSet<>(model.keySet());
    keys.addAll(other.model.keySet());
    for (String k : keys) {
      JsonNode there = model.get(k);
      JsonNode here = other.model.get(k);
      if (!same(there, here)) {
        diffs.add("--" + k.replace('_', '-') + " " + text(there) + " there, " + text(here) + " here");
      }
    }
    return diffs;
  }

  private static boolean same(JsonNode a, JsonNode b) {
    if (a == null || b == null) {
      return a == b || (a == null ? b.isNull() : a.isNull());
    }
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    return a.equals(b);
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() ? "none" : n.isTextual() ? n.asText() : n.toString();
  }
}
