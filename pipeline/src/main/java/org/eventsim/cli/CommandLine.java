package org.eventsim.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eventsim.options.Flags;
import org.eventsim.options.UsageException;

/**
 * Turns the Python tool's command line into Beam's: {@code --n-orders 5000} and {@code
 * --n-orders=5000} become {@code --numOrders=5000}, after checking the value's type so that the
 * error names the tool's flag; Beam gets the value in canonical form. Anything else is passed on to
 * Beam as {@code --name=value}.
 */
final class CommandLine {
  /**
   * @param help {@code --help} or {@code -h} was given
   * @param helpTopic the X of {@code --help=X} (a Beam options interface), or null
   * @param beamArgs the arguments for {@code PipelineOptionsFactory.fromArgs}
   * @param toolFlags the tool's flags that were given, by tool name ({@code n-orders})
   */
  record Parsed(boolean help, String helpTopic, List<String> beamArgs, Set<String> toolFlags) {}

  private CommandLine() {}

  static Parsed parse(String[] args) throws UsageException {
    List<String> beamArgs = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    boolean help = false;
    String helpTopic = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("-h") || arg.equals("--help")) {
        help = true;
        continue;
      }
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new UsageException("unexpected argument '" + arg + "': flags start with -- (see --help)");
      }
      String name;
      String value;
      int eq = arg.indexOf('=');
      if (eq >= 0) {
        name = arg.substring(2, eq);
        value = arg.substring(eq + 1);
      } else {
        name = arg.substring(2);
        Optional<Flags.Spec> known = Flags.find(name);
        boolean isSwitch = known.isPresent() && known.get().isSwitch();
        boolean nextIsValue =
            i + 1 < args.length
                && !args[i + 1].startsWith("--")
                && (!isSwitch || args[i + 1].equalsIgnoreCase("true") || args[i + 1].equalsIgnoreCase("false"));
        value = nextIsValue ? args[++i] : isSwitch ? "true" : null;
      }
      if (name.equals("help")) {
        help = true;
        helpTopic = value;
        continue;
      }
      Optional<Flags.Spec> flag = Flags.find(name);
      if (flag.isPresent()) {
        Flags.Spec spec = flag.get();
        if (value == null) {
          throw new UsageException("--" + spec.name() + " needs a value: " + spec.accepts());
        }
        if (!seen.add(spec.name())) {
          throw new UsageException("--" + spec.name() + " is given more than once");
        }
        beamArgs.add("--" + spec.property() + "=" + spec.canonical(value));
      } else {
        beamArgs.add(value == null ? "--" + name : "--" + name + "=" + value);
      }
    }
    return new Parsed(help, helpTopic, beamArgs, Set.copyOf(seen));
  }
}
