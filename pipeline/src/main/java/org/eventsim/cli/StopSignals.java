package org.eventsim.cli;

import java.io.PrintStream;
import org.eventsim.live.LiveStop;
import sun.misc.Signal;

/**
 * SIGINT and SIGTERM stop a live run cleanly instead of killing the JVM: the first asks the
 * players to stop ({@link LiveStop}), so that the job drains, flushes and the command exits 0 with
 * its summary; a second one ends the process at once (exit 130 or 143), as the user insists.
 */
final class StopSignals {
  private StopSignals() {}

  static void install(PrintStream err) {
    for (String name : new String[] {"INT", "TERM"}) {
      int code = name.equals("INT") ? 130 : 143;
      try {
        Signal.handle(new Signal(name), s -> {
          if (LiveStop.requested()) {
            Runtime.getRuntime().halt(code);
          }
          err.println("event-sim: live: SIG" + name + ": stopping after what is due now has been published"
              + " (send it again to stop at once)");
          LiveStop.request();
        });
      } catch (IllegalArgumentException e) {
        // this JVM does not let the signal be handled: it keeps its default
      }
    }
  }
}
