package org.eventsim.cli;

import java.io.PrintStream;
import org.eventsim.options.Flags;

/** The {@code --help} text: every flag with its default and meaning. */
final class Help {
  private Help() {}

  static void print(PrintStream out) {
    out.println("Usage: event-sim --out DIR [flags] [Beam pipeline options]");
    out.println();
    out.println("Generates reproducible e-commerce order lifecycle events (late, out-of-order,");
    out.println("schema v1/v2, corrections, duplicates) into DIR: events.ndjson,");
    out.println("events_by_ingest_date/, events_by_event_date/, the answer key expected/ and, last,");
    out.println("stats.json.");
    out.println();
    out.println("Flags (--flag value or --flag=value):");
    for (Flags.Spec f : Flags.all()) {
      String left = ("  --" + f.name() + " " + metavar(f)).stripTrailing();
      StringBuilder line = new StringBuilder(left);
      line.append(" ".repeat(Math.max(1, 34 - left.length())));
      line.append(f.description());
      if (f.defaultValue() != null) {
        line.append(" (default: ").append(f.defaultValue()).append(')');
      }
      out.println(line);
    }
    out.println();
    out.println("Beam pipeline options pass through, e.g. --runner=FlinkRunner, --targetParallelism=4.");
    out.println("--help=<OptionsInterface> lists one interface's options, e.g. --help=DirectOptions.");
    out.println();
    out.println("Exit codes: 0 success, 2 bad input (nothing written), 1 the run failed.");
    out.println("A folder holds a complete run exactly when its stats.json exists.");
  }

  private static String metavar(Flags.Spec f) {
    if (f.type() == Boolean.class) {
      return "";
    } else if (f.type() == Double.class) {
      return "P";
    } else if (f.type() == Long.class || f.type() == Integer.class) {
      return "N";
    }
    return switch (f.name()) {
      case "out" -> "DIR";
      case "start" -> "TIME";
      case "kafka-bootstrap" -> "HOSTS";
      case "kafka-topic" -> "TOPIC";
      case "ingest-date" -> "DATE";
      case "ingest-dates" -> "DATE..DATE";
      default -> "NAME";
    };
  }
}
