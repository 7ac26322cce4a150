package org.eventsim.runners.direct;

import java.time.Clock;
import java.util.List;
import org.eventsim.cli.EventSimCli;
import org.eventsim.cli.RunnerSetup;

/**
 * The {@code event-sim} command on Beam's DirectRunner (the default runner of the CLI jar).
 *
 * <p>The DirectRunner's checks that every element is immutable and encodable are for testing
 * transforms; the pipeline's own tests keep them on, the command turns them off because they cost
 * several times the run's own work. {@code --blockOnRun=false} lets the command print progress.
 * Any of these can be set back on the command line.
 */
public final class DirectMain {
  static final RunnerSetup DIRECT =
      () ->
          List.of("--enforceImmutability=false", "--enforceEncodability=false", "--blockOnRun=false");

  private DirectMain() {}

  public static void main(String[] args) {
    System.exit(EventSimCli.run(args, DIRECT, System.out, System.err, Clock.systemUTC()));
  }
}
