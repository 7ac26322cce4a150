package org.eventsim.live;

/**
 * Asks the live readers of this JVM to stop at their next read: each then ends its split as if
 * its run were complete, so that the pipeline drains, flushes what it published and ends DONE.
 * The command sets it on SIGINT or SIGTERM; it reaches readers in the command's own JVM (embedded
 * Flink, the DirectRunner), not those of a remote cluster.
 */
public final class LiveStop {
  private static volatile boolean requested;

  private LiveStop() {}

  public static void request() {
    requested = true;
  }

  public static boolean requested() {
    return requested;
  }
}
