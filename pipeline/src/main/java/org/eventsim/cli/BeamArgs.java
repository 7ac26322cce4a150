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
    for (Class<? extends PipelineOptions> options : PipelineOptionsFactory.getRegisteredOptions()) {
      for (Method m : options.getMethods()) {
        String n = m.getName();
        String p = n.startsWith("get") ? n.substring(3) : n.startsWith("is") ? n.substring(2) : null;
        if (p != null && m.getParameterCount() == 0 && Introspector.decapitalize(p).equals(property)) {
          Class<?> type = m.getReturnType();
          return type.isArray() || Collection.class.isAssignableFrom(type);
        }
      }
    }
    return false;
  }
}
