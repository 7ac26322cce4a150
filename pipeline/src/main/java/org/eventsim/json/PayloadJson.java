package org.eventsim.json;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eventsim.model.Money;
import org.eventsim.model.Payload;

/** Payload JSON: the compact form of events.ndjson and the Python form the checksum hashes. */
public final class PayloadJson {
  private PayloadJson() {}

  /** Appends the payload as compact JSON with fields in output order: {@code {"a":1.0,"b":"x"}}. */
  public static void appendCompact(StringBuilder sb, Payload payload) {
    appendObject(sb, payload.fields(), ",", ":");
  }

  /**
   * The payload exactly as Python's {@code json.dumps(payload, sort_keys=True)} prints it: keys
   * sorted by code unit, {@code ", "} and {@code ": "} separators, non-ASCII escaped, {@code null},
   * floats in repr form ({@code 500.0}).
   */
  public static String pythonSortedKeys(Payload payload) {
    List<Payload.Field> sorted = new ArrayList<>(payload.fields());
    sorted.sort(Comparator.comparing(Payload.Field::name));
    StringBuilder sb = new StringBuilder(128);
    appendObject(sb, sorted, ", ", ": ");
    return sb.toString();
  }

  private static void appendObject(
      StringBuilder sb, List<Payload.Field> fields, String itemSeparator, String keySeparator) {
    sb.append('{');
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        sb.append(itemSeparator);
      }
      JsonText.appendQuoted(sb, fields.get(i).name());
      sb.append(keySeparator);
      appendValue(sb, fields.get(i).value());
    }
    sb.append('}');
  }

  private static void appendValue(StringBuilder sb, Object value) {
    if (value == null) {
      sb.append("null");
    } else if (value instanceof Money m) {
      m.appendJson(sb);
    } else {
      JsonText.appendQuoted(sb, (String) value);
    }
  }
}
