package org.eventsim.cli;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/** With {@code -Deventsim.timing=true}: where a run's wall time goes, since JVM start, on stderr. */
final class Timing {
  private static final boolean ON = Boolean.getBoolean("eventsim.timing");

  private Timing() {}

  static void mark(PrintStream err, String what) {
    if (ON) {
      long sinceStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
      err.printf(Locale.ROOT, "event-sim: timing: %6.2f s %s%n", sinceStart / 1000.0, what);
    }
  }
}
