package org.eventsim.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.eventsim.options.Flags;

/** The {@code --help} text: every flag with its default and meaning, wrapped to 100 columns. */
final class Help {
  /** No line of the help is longer. */
  static final int WIDTH = 100;
  private static final int INDENT = 34;

  private Help() {}

  static void print(PrintStream out) {
    out.println("Usage: event-sim --out DIR [flags] [Beam pipeline options]");
    out.println();
    paragraph(
        out,
        "Generates reproducible e-commerce order lifecycle events (late, out-of-order, schema v1/v2,"
            + " corrections, duplicates) into DIR: events.ndjson, events_by_ingest_date/,"
            + " events_by_event_date/ (not for a daily increment), the answer key expected/ and,"
            + " last, stats.json.");
    out.println();
    out.println("Flags (--flag value or --flag=value):");
    for (Flags.Spec f : Flags.all()) {
      if (!f.tuning()) {
        flag(out, f);
      }
    }
    out.println();
    out.println("Tuning (changes speed and memory, never the output):");
    for (Flags.Spec f : Flags.all()) {
      if (f.tuning()) {
        flag(out, f);
      }
    }
    out.println();
    paragraph(out, "Beam pipeline options pass through, e.g. --runner=FlinkRunner, --targetParallelism=4.");
    paragraph(out, "--help=<OptionsInterface> lists one interface's options, e.g. --help=DirectOptions.");
    out.println();
    paragraph(out, "Exit codes: 0 success, 2 bad input (nothing written), 1 the run failed.");
    paragraph(out, "A folder holds a complete run exactly when its stats.json exists.");
  }

  private static void flag(PrintStream out, Flags.Spec f) {
    String left = ("  --" + f.name() + " " + metavar(f)).stripTrailing();
    String text = f.description() + (f.defaultValue() == null ? "" : " (default: " + f.defaultValue() + ")");
    List<String> lines = wrap(text, WIDTH - INDENT);
    String first = left.length() < INDENT ? left + " ".repeat(INDENT - left.length()) : left + "\n" + " ".repeat(INDENT);
    out.println(first + lines.get(0));
    for (String line : lines.subList(1, lines.size())) {
      out.println(" ".repeat(INDENT) + line);
    }
  }

  private static void paragraph(PrintStream out, String text) {
    wrap(text, WIDTH).forEach(out::println);
  }

  /** {@code text} broken at spaces into lines of at most {@code width} characters. */
  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(line.length() > 0 ? " " : "").append(word);
    }
    lines.add(line.toString());
    return lines;
  }

  private static String metavar(Flags.Spec f) {
    if (f.type() == Boolean.class) {
      return "";
    } else if (f.name().equals("speed")) {
      return "X";
    } else if (f.type() == Double.class) {
      return "P";
    } else if (f.type() == Long.class || f.type() == Integer.class) {
      return "N";
    }
    return switch (f.name()) {
      case "out" -> "DIR";
      case "start", "until" -> "TIME";
      case "kafka-bootstrap" -> "HOSTS";
      case "kafka-topic" -> "TOPIC";
      case "ingest-date" -> "DATE";
      case "ingest-dates" -> "DATE..DATE";
      default -> "NAME";
    };
  }
}
