package org.eventsim.runners.flink;

import org.eventsim.cli.EventSimCli;

/**
 * The {@code event-sim} command on Beam's FlinkRunner: Flink embedded in this process by default,
 * or a cluster with {@code --flinkMaster=HOST:PORT}; also the main class of the job jar for a
 * cluster's own {@code flink run}, which provides the environment ({@code flinkMaster} stays
 * {@code [auto]}). See {@link FlinkSetup} for the defaults it applies.
 */
public final class FlinkMain {
  private FlinkMain() {}

  public static void main(String[] args) {
    if (System.getProperty("log4j2.configurationFile") == null) {
      // warnings and errors only, on stderr: Flink's INFO logging would drown the command's output
      System.setProperty("log4j2.configurationFile", "classpath:event-sim-log4j2.properties");
    }
    EventSimCli.runAsCommand(args, () -> new FlinkSetup(System.getenv("FLINK_CONF_DIR")));
  }
}
