package org.eventsim.cli;

import java.beans.Introspector;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.eventsim.options.UsageException;

/** Checks on the Beam options of a command line that Beam itself reports without naming them. */
final class BeamArgs {
  private BeamArgs() {}

  /**
   * Rejects an option given twice unless it holds a list (Beam collects repeated list values, such
   * as {@code --experiments}); Beam would otherwise fail with "expected one element" and no name.
   *
   * @param beamArgs {@code --name=value} or {@code --name} arguments
   */
  static void rejectRepeatedSingleValues(List<String> beamArgs) throws UsageException {
    Set<String> seen = new HashSet<>();
    for (String arg : beamArgs) {
      int eq = arg.indexOf('=');
      String name = arg.substring(2, eq < 0 ? arg.length() : eq);
      if (!seen.add(name) && !holdsAList(name)) {
        throw new UsageException("--" + name + " is given more than once");
      }
    }
  }

  private static boolean holdsAList(String property) {
    Class<?> type = propertyType(property);
    return type != null && (type.isArray() || Collection.class.isAssignableFrom(type));
  }

  /**
   * Checks the values of Beam's numeric and boolean options (a tool flag's value has been checked
   * already), so that a bad one is named: Beam itself says only that it cannot deserialize the
   * value. Integers as the tool reads them (no exponent, no hex), within the option's type.
   */
  static void checkValues(List<String> beamArgs) throws UsageException {
    for (String arg : beamArgs) {
      int eq = arg.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String name = arg.substring(2, eq);
      String value = arg.substring(eq + 1).trim();
      if (org.eventsim.options.Flags.find(name).isPresent()) {
        continue; // a tool flag: checked by its own rules
      }
      Class<?> type = propertyType(name);
      if (type == null) {
        continue;
      }
      String problem = null;
      if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
        boolean isInt = type == int.class || type == Integer.class;
        try {
          if (!value.matches("[+-]?[0-9]+")) {
            throw new NumberFormatException();
          }
          if (isInt) {
            Integer.parseInt(value);
          } else {
            Long.parseLong(value);
          }
        } catch (NumberFormatException e) {
          problem = isInt ? "an integer (32-bit)" : "an integer (64-bit)";
        }
      } else if (type == double.class || type == Double.class) {
        if (!value.matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
          problem = "a number";
        }
      } else if (type == boolean.class || type == Boolean.class) {
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
          problem = "true or false";
        }
      }
      if (problem != null) {
        throw new UsageException("--" + name + " must be " + problem + ", got '" + arg.substring(eq + 1) + "'");
      }
    }
  }

  /** The type of Beam option {@code property} in the registered options, or null if none has it. */
  private static Class<?> propertyType(String property) {
    for (Class<? extends PipelineOptions> options : PipelineOptionsFactory.getRegisteredOptions()) {
      for (Method m : options.getMethods()) {
        String n = m.getName();
        String p = n.startsWith("get") ? n.substring(3) : n.startsWith("is") ? n.substring(2) : null;
        if (p != null && m.getParameterCount() == 0 && Introspector.decapitalize(p).equals(property)) {
          return m.getReturnType();
        }
      }
    }
    return null;
  }
}
