package org.eventsim.cli;

/** Runs the command in-process for tests in other packages; returns the exit code. */
public final class CliRunner {
  private CliRunner() {}

  public static int run(String... args) {
    CliRun run = CliRun.of(args);
    if (run.exitCode() != 0) {
      System.err.print(run.stderr());
    }
    return run.exitCode();
  }
}
