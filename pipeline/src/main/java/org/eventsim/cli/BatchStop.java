package org.eventsim.cli;

import java.io.PrintStream;
import java.util.function.Supplier;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.eventsim.output.OutputLocation;

/**
 * How a batch run stops when asked to (SIGTERM, SIGINT, SIGHUP, its launcher gone): its job is
 * cancelled, what it wrote is removed and its lease given up, so that the folder holds the previous
 * run exactly as it was; then the process ends with the signal's exit code. Nothing is committed,
 * and a commit that has begun is not interrupted: it takes about a second, and a folder left
 * half-committed would hold no complete run at all, so the run finishes and exits 0.
 *
 * <p>Before the output is prepared there is nothing to undo and the process ends at once.
 */
final class BatchStop implements StopSignals.OnStop {
  private final PrintStream err;
  private final RunnerSetup runner;
  private final PipelineOptions options;
  private volatile OutputLocation output;
  private volatile Supplier<PipelineResult> result = () -> null;
  private boolean committing;
  private boolean stopped;

  BatchStop(PrintStream err, RunnerSetup runner, PipelineOptions options) {
    this.err = err;
    this.runner = runner;
    this.options = options;
  }

  /** The run has prepared {@code output}; its job's result, once running, from {@code result}. */
  void running(OutputLocation output, Supplier<PipelineResult> result) {
    this.output = output;
    this.result = result;
  }

  /** Whether the run may commit: false once it was asked to stop (it then waits for the end). */
  synchronized boolean beginCommit() {
    if (!stopped) {
      committing = true;
    }
    return committing;
  }

  @Override
  public void stop(String why, int exitCode) {
    synchronized (this) {
      if (committing) {
        err.println("event-sim: " + why + ": the run is committing; it finishes the commit (about a second) first");
        return;
      }
      stopped = true;
    }
    err.println("event-sim: " + why + ": stopping the run; nothing is committed");
    OutputLocation out = output;
    if (out != null) {
      runner.cancel(options, result.get());
      String problem = out.abort();
      err.println(
          "event-sim: " + out.given()
              + (out.keepsPreviousRun()
                  ? " is as it was before this run"
                  : " holds no complete run (no stats.json): on this store a run writes in place; rerun it")
              + (problem == null ? "" : " (but " + problem + ")"));
    }
    err.flush();
    ProcessTemp.deleteNow();
    Runtime.getRuntime().halt(exitCode);
  }
}
