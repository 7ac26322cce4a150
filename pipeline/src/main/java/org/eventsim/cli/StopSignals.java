package org.eventsim.cli;

import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import sun.misc.Signal;

/**
 * How the command is asked to stop: SIGINT, SIGTERM or SIGHUP, or the end of the {@code
 * ./event-sim} launcher that started this JVM (a launcher killed with SIGKILL cannot pass a signal
 * on, and its JVM must not go on alone: it watches its parent, named in {@value #LAUNCHER_PID_ENV}).
 *
 * <p>The first request calls the run's {@link OnStop}, which stops it its own way (a batch run
 * cancels its job and commits nothing; a live run flushes what it published). A signal that comes
 * again at least {@value #INSIST_MILLIS} ms later ends the process at once, as the user insists. A
 * signal within that time of the first is the same request arriving twice: a terminal's Ctrl-C
 * reaches both the launcher, which passes it on, and the JVM, and a service manager signals every
 * process of the service.
 */
final class StopSignals {
  /** Environment variable in which the launcher gives its process id. */
  static final String LAUNCHER_PID_ENV = "EVENT_SIM_LAUNCHER_PID";
  /** Environment variable naming the launcher's file for restart requests (see the runner modules). */
  static final String RESTART_FILE_ENV = "EVENT_SIM_RESTART_FILE";
  /** A second signal this much later than the first ends the process at once. */
  static final long INSIST_MILLIS = 1000;
  private static final long WATCH_MILLIS = 250;

  /** What a run does when it is asked to stop; called once, on a thread of its own. */
  @FunctionalInterface
  interface OnStop {
    /**
     * @param why what asked, e.g. {@code SIGTERM}
     * @param exitCode the exit code for a run that stops this way (128 + the signal's number)
     */
    void stop(String why, int exitCode);
  }

  private static final AtomicLong FIRST_NANOS = new AtomicLong();

  private StopSignals() {}

  /** Installs the handlers of this JVM's signals and the watch of its launcher, for {@code onStop}. */
  static void install(PrintStream err, OnStop onStop) {
    String[][] signals = {{"INT", "130"}, {"TERM", "143"}, {"HUP", "129"}};
    for (String[] s : signals) {
      String name = "SIG" + s[0];
      int code = Integer.parseInt(s[1]);
      try {
        Signal.handle(new Signal(s[0]), signal -> request(err, onStop, name, code));
      } catch (IllegalArgumentException e) {
        // this JVM does not let the signal be handled (or it was ignored at start): it keeps its default
      }
    }
    launcherPid().ifPresent(pid -> watchLauncher(err, onStop, pid));
  }

  private static void request(PrintStream err, OnStop onStop, String why, int exitCode) {
    long now = System.nanoTime();
    if (FIRST_NANOS.compareAndSet(0, now)) {
      onStop.stop(why, exitCode);
      return;
    }
    if (now - FIRST_NANOS.get() >= TimeUnit.MILLISECONDS.toNanos(INSIST_MILLIS)) {
      err.println("event-sim: " + why + " again: stopping at once");
      err.flush();
      ProcessTemp.deleteNow();
      Runtime.getRuntime().halt(exitCode);
    }
  }

  /** The launcher's process id when this JVM's parent is that launcher. */
  private static Optional<Long> launcherPid() {
    String env = System.getenv(LAUNCHER_PID_ENV);
    if (env == null || !env.matches("\\d{1,18}")) {
      return Optional.empty();
    }
    long pid = Long.parseLong(env);
    return parentPid() == pid ? Optional.of(pid) : Optional.empty();
  }

  /**
   * Deletes the file in which the launcher takes a request to start the run again ({@value
   * #RESTART_FILE_ENV}): a launcher that is gone reads it no more, nor removes it.
   */
  private static void deleteLaunchersFile() {
    String file = System.getenv(RESTART_FILE_ENV);
    if (file != null && !file.isBlank()) {
      try {
        java.nio.file.Files.deleteIfExists(java.nio.file.Path.of(file));
      } catch (java.io.IOException | RuntimeException ignored) {
        // not ours to delete after all
      }
    }
  }

  private static long parentPid() {
    return ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
  }

  /**
   * Watches that this JVM's parent is still the launcher: once the launcher is gone (killed with
   * SIGKILL, say) the JVM has another parent, and stops as if it had been sent SIGTERM.
   */
  private static void watchLauncher(PrintStream err, OnStop onStop, long launcher) {
    Thread watch =
        new Thread(
            () -> {
              while (parentPid() == launcher) {
                try {
                  Thread.sleep(WATCH_MILLIS);
                } catch (InterruptedException e) {
                  return;
                }
              }
              deleteLaunchersFile();
              request(err, onStop, "the launcher (process " + launcher + ") is gone", 143);
            },
            "event-sim-launcher-watch");
    watch.setDaemon(true);
    watch.start();
  }
}
