package org.eventsim.cli;

import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * What a runner module adds to the command: default Beam flags for its runner, and a preflight
 * check of the servers it needs. Runner modules pass one to {@link EventSimCli#run}; the pipeline
 * module itself knows no runner.
 */
public interface RunnerSetup {
  /** Beam flags ({@code --name=value}) applied unless the command line sets the same option. */
  List<String> defaults();

  /**
   * Checks, before anything is written, that the servers the run needs answer. Throws with a
   * one-line message naming the flag and address when one does not.
   */
  default void preflight(PipelineOptions options) throws UnavailableException {}

  /** No defaults, no checks. */
  RunnerSetup NONE = List::of;
}
