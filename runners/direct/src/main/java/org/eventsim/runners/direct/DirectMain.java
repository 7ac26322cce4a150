package org.eventsim.runners.direct;

import org.eventsim.cli.EventSimCli;

/** The {@code event-sim} command on Beam's DirectRunner (the default runner of the CLI jar); see {@link DirectSetup}. */
public final class DirectMain {
  private DirectMain() {}

  public static void main(String[] args) {
    EventSimCli.runAsCommand(args, DirectSetup::ofThisJvm);
  }
}
