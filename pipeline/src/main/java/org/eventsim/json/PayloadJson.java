package org.eventsim.json;

import org.eventsim.text.ByteBuilder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eventsim.model.Money;
import org.eventsim.model.Payload;

/** Payload JSON: the compact form of events.ndjson and the Python form the checksum hashes. */
public final class PayloadJson {
  private PayloadJson() {}

  /** Appends the payload as compact JSON with fields in output order: {@code {"a":1.0,"b":"x"}}. */
  public static void appendCompact(ByteBuilder out, Payload payload) {
    appendObject(out, payload.fields(), ",", ":");
  }

  /**
   * Appends the payload exactly as Python's {@code json.dumps(payload, sort_keys=True)} prints it:
   * keys sorted by code unit, {@code ", "} and {@code ": "} separators, non-ASCII escaped, {@code
   * null}, floats in repr form ({@code 500.0}).
   */
  public static void appendPythonSortedKeys(ByteBuilder out, Payload payload) {
    List<Payload.Field> sorted = new ArrayList<>(payload.fields());
    sorted.sort(Comparator.comparing(Payload.Field::name));
    appendObject(out, sorted, ", ", ": ");
  }

  /** {@link #appendPythonSortedKeys} as a String. */
  public static String pythonSortedKeys(Payload payload) {
    ByteBuilder out = new ByteBuilder(128);
    appendPythonSortedKeys(out, payload);
    return out.toString();
  }

  private static void appendObject(
      ByteBuilder out, List<Payload.Field> fields, String itemSeparator, String keySeparator) {
    out.append('{');
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.appendAscii(itemSeparator);
      }
      JsonText.appendQuoted(out, fields.get(i).name());
      out.appendAscii(keySeparator);
      Object value = fields.get(i).value();
      if (value == null) {
        out.appendAscii("null");
      } else if (value instanceof Money m) {
        m.appendJson(out);
      } else {
        JsonText.appendQuoted(out, (String) value);
      }
    }
    out.append('}');
  }
}
