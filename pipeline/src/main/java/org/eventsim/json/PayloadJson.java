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
    sb.append('{');
    boolean first = true;
    for (Payload.Field f : payload.fields()) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      JsonText.appendQuoted(sb, f.name());
      sb.append(':');
      appendValue(sb, f.value());
    }
    sb.append('}');
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
    sb.append('{');
    boolean first = true;
    for (Payload.Field f : sorted) {
      if (!first) {
        sb.append(", ");
      }
      first = false;
      JsonText.appendQuoted(sb, f.name());
      sb.append(": ");
      appendValue(sb, f.value());
    }
    sb.append('}');
    return sb.toString();
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
