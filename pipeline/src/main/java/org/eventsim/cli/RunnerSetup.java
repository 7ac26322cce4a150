package org.eventsim.cli;

import java.util.List;
import java.util.function.Supplier;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.eventsim.options.RunConfig;
import org.eventsim.options.UsageException;

/**
 * What a runner module adds to the command: default Beam flags for its runner, checks of its
 * options and of what the run needs, and how to watch a running job. Runner modules pass one to
 * {@link EventSimCli#run}; the pipeline module itself knows no runner.
 */
public interface RunnerSetup {
  /** Beam flags ({@code --name=value}) applied unless the command line sets the same option. */
  List<String> defaults();

  /**
   * Checks the runner's own options that its runner would only reject once running (say, a
   * parallelism of 0). Throws a usage error naming the option and what it accepts.
   */
  default void validate(PipelineOptions options) throws UsageException {}

  /**
   * Checks, before anything is written, that the run can be carried out here: that the servers it
   * needs answer, that there is memory for it. Throws with a one-line message naming the flag,
   * address or resource, and what to do.
   */
  default void preflight(PipelineOptions options, RunConfig config) throws UnavailableException {}

  /**
   * How to read a running job's progress. By default from the Beam counters of the pipeline's
   * result, for runners whose {@code run()} returns while the job runs.
   *
   * @param result the pipeline's result once {@code run()} has returned, else null
   */
  default ProgressProbe progressProbe(PipelineOptions options, Supplier<PipelineResult> result) {
    return new BeamMetricsProbe(result);
  }

  /**
   * Stops a running batch job within seconds, when the command is asked to stop (SIGTERM). By
   * default through its result, once {@code run()} has returned it; runners whose {@code run()}
   * blocks until the job ends stop it their own way.
   *
   * @param result the pipeline's result, or null while {@code run()} has not returned
   */
  default void cancel(PipelineOptions options, PipelineResult result) {
    if (result == null) {
      return;
    }
    try {
      result.cancel();
      result.waitUntilFinish(org.joda.time.Duration.standardSeconds(5));
    } catch (java.io.IOException | RuntimeException e) {
      // it ends with the process
    }
  }

  /**
   * Whether the job runs outside this process (on a cluster): a live job there does not hear the
   * command's stop request, so the command cancels it ({@link #cancel}) instead.
   */
  default boolean runsElsewhere(PipelineOptions options) {
    return false;
  }

  /** Releases what the setup made for the run (its temporary files); called once the run is over. */
  default void close() {}

  /** No defaults, no checks. */
  RunnerSetup NONE = List::of;
}
