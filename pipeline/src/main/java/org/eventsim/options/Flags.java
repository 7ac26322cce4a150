package org.eventsim.options;

import java.beans.Introspector;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** The tool's flags as declared on {@link EventSimOptions} by {@link CliFlag}, in help order. */
public final class Flags {
  /** The order of the Python tool's help. */
  static final List<String> HELP_ORDER =
      List.of(
          "out", "n-orders", "first-order", "orders-per-day", "ingest-date", "ingest-dates", "seed", "start", "span-days", "tenant-count", "user-count", "v2-rate",
          "cancel-rate", "ship-rate", "correction-rate", "late-rate", "out-of-order-rate",
          "max-late-days", "max-event-gap-minutes", "duplicate-rate", "kafka-bootstrap", "kafka-topic",
          "kafka-partitions", "kafka-timeout-seconds", "no-files");

  /**
   * One flag.
   *
   * @param name the tool's name, e.g. {@code n-orders}
   * @param property Beam's property name, e.g. {@code numOrders}
   * @param type the value type: String, Long, Integer or Double
   * @param accepts what it accepts, for error messages
   * @param description the help text
   * @param defaultValue the default as text, or null
   */
  public record Spec(
      String name,
      String property,
      Class<?> type,
      String accepts,
      String description,
      String defaultValue) {

    /** Whether the flag is a switch: given alone it means true. */
    public boolean isSwitch() {
      return type == Boolean.class;
    }

    /** Parses {@code text} as this flag's type; the error names the flag and what it accepts. */
    public Object parse(String text) throws UsageException {
      String t = text.trim();
      try {
        if (type == Long.class) {
          return Long.parseLong(t);
        } else if (type == Integer.class) {
          return Integer.parseInt(t);
        } else if (type == Double.class) {
          return Double.parseDouble(t);
        } else if (type == Boolean.class) {
          if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(t);
          }
          throw invalid(text);
        }
        return text;
      } catch (NumberFormatException e) {
        throw invalid(text);
      }
    }

    /** The usage error for a bad value. */
    public UsageException invalid(Object got) {
      String shown = String.valueOf(got);
      if (got instanceof Double d && Double.isFinite(d)) {
        shown = java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
      }
      return new UsageException("--" + name + " must be " + accepts + ", got '" + shown + "'");
    }
  }

  private static final List<Spec> ALL = load();

  private Flags() {}

  /** Every flag, in help order. */
  public static List<Spec> all() {
    return ALL;
  }

  /** The flag with tool name or Beam property name {@code name}. */
  public static Optional<Spec> find(String name) {
    for (Spec s : ALL) {
      if (s.name.equals(name) || s.property.equals(name)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** The flag with tool name {@code name}; it must exist. */
  public static Spec get(String name) {
    return find(name).orElseThrow(() -> new IllegalArgumentException("no flag " + name));
  }

  private static List<Spec> load() {
    List<Spec> specs = new ArrayList<>();
    for (String name : HELP_ORDER) {
      specs.add(null);
    }
    for (Method m : EventSimOptions.class.getDeclaredMethods()) {
      CliFlag flag = m.getAnnotation(CliFlag.class);
      if (flag == null) {
        continue;
      }
      int at = HELP_ORDER.indexOf(flag.value());
      if (at < 0) {
        throw new IllegalStateException("flag --" + flag.value() + " is missing from HELP_ORDER");
      }
      Description d = m.getAnnotation(Description.class);
      specs.set(
          at,
          new Spec(
              flag.value(),
              Introspector.decapitalize(m.getName().substring(3)),
              m.getReturnType(),
              flag.accepts(),
              d == null ? "" : d.value(),
              defaultOf(m)));
    }
    if (specs.contains(null)) {
      throw new IllegalStateException("HELP_ORDER names a flag without @CliFlag: " + specs);
    }
    return Collections.unmodifiableList(specs);
  }

  private static String defaultOf(Method m) {
    if (m.getAnnotation(Default.Long.class) != null) {
      return Long.toString(m.getAnnotation(Default.Long.class).value());
    } else if (m.getAnnotation(Default.Integer.class) != null) {
      return Integer.toString(m.getAnnotation(Default.Integer.class).value());
    } else if (m.getAnnotation(Default.Double.class) != null) {
      return Double.toString(m.getAnnotation(Default.Double.class).value());
    } else if (m.getAnnotation(Default.String.class) != null) {
      return m.getAnnotation(Default.String.class).value();
    } else if (m.getAnnotation(Default.Boolean.class) != null) {
      return Boolean.toString(m.getAnnotation(Default.Boolean.class).value());
    }
    return null;
  }
}
