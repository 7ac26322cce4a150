package org.eventsim.options;

import java.beans.Introspector;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** The tool's flags as declared on {@link EventSimOptions} by {@link CliFlag}, in help order. */
public final class Flags {
  /** The order of the Python tool's help. */
  static final List<String> HELP_ORDER =
      List.of(
          "out", "s3-endpoint", "take-over-lease", "n-orders", "first-order", "orders-per-day", "ingest-date", "ingest-dates", "seed", "start", "span-days", "tenant-count", "user-count", "v2-rate",
          "cancel-rate", "ship-rate", "correction-rate", "late-rate", "out-of-order-rate",
          "max-late-days", "max-event-gap-minutes", "duplicate-rate", "kafka-bootstrap", "kafka-topic",
          "kafka-partitions", "kafka-timeout-seconds", "format", "compression", "no-files", "live", "speed", "until", "ordersPerBlock", "livePartitions",
          "maxGroupEvents");

  /**
   * One flag.
   *
   * @param name the tool's name, e.g. {@code n-orders}
   * @param property Beam's property name, e.g. {@code numOrders}
   * @param type the value type: String, Long, Integer or Double
   * @param accepts what it accepts, for error messages
   * @param description the help text
   * @param defaultValue the default as text, or null
   * @param tuning whether it only tunes speed and memory (see {@link CliFlag#tuning})
   */
  public record Spec(
      String name,
      String property,
      Class<?> type,
      String accepts,
      String description,
      String defaultValue,
      boolean tuning) {

    /** Whether the flag is a switch: given alone it means true. */
    public boolean isSwitch() {
      return type == Boolean.class;
    }

    /**
     * Checks {@code text} against this flag's type and returns it in canonical form, which is what
     * Beam is given: {@code +5} becomes {@code 5}, {@code 1e-3} becomes {@code 0.001}. Numbers are
     * read as the Python tool read them (int(), float()): no hex, no type suffixes such as {@code
     * 0.5f}. The error names the flag and what it accepts.
     */
    public String canonical(String text) throws UsageException {
      String t = text.trim();
      if (type == Long.class || type == Integer.class) {
        if (!INTEGER.matcher(t).matches()) {
          throw invalid(text);
        }
        try {
          return type == Long.class
              ? Long.toString(Long.parseLong(t))
              : Integer.toString(Integer.parseInt(t));
        } catch (NumberFormatException e) {
          throw invalid(text); // out of the type's range
        }
      } else if (type == Double.class) {
        if (!DECIMAL.matcher(t).matches()) {
          throw invalid(text);
        }
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.endsWith("nan")) {
          return "NaN";
        } else if (lower.endsWith("inf") || lower.endsWith("infinity")) {
          return lower.startsWith("-") ? "-Infinity" : "Infinity";
        }
        return Double.toString(Double.parseDouble(t));
      } else if (type == Boolean.class) {
        if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
          return Boolean.toString(Boolean.parseBoolean(t));
        }
        throw invalid(text);
      }
      return text;
    }

    /** The usage error for a bad value. */
    public UsageException invalid(Object got) {
      String shown = String.valueOf(got);
      if (got instanceof Double d && Double.isFinite(d)) {
        shown = BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
      }
      return new UsageException("--" + name + " must be " + accepts + ", got '" + shown + "'");
    }
  }

  private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
  private static final Pattern DECIMAL =
      Pattern.compile(
          "[+-]?(([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?|(?i:nan|inf|infinity))");

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

  /** {@code value}, checked to be within [min, max]; else the usage error of flag {@code flag}. */
  static long within(String flag, Number value, long min, long max) throws UsageException {
    if (value == null || value.longValue() < min || value.longValue() > max) {
      throw get(flag).invalid(value);
    }
    return value.longValue();
  }

  /** {@code value}, checked to be a rate within [0, 1]; else the usage error of flag {@code flag}. */
  static double rate(String flag, Double value) throws UsageException {
    if (value == null || !(value >= 0 && value <= 1)) {
      throw get(flag).invalid(value);
    }
    return value;
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
              defaultOf(m),
              flag.tuning()));
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
