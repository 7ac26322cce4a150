package org.eventsim.cli;

/**
 * Reads how far a running job has come. Implementations never throw: a runner that cannot tell
 * (yet) gives null, and the command then says less.
 */
@FunctionalInterface
public interface ProgressProbe {
  /** Nothing done yet. */
  Figures STARTING = new Figures(0, false, 0, 0, false);

  /**
   * What a running job has done so far.
   *
   * @param ordersRead orders generated (read from the order source)
   * @param generated whether generation is known to be complete (else it is when {@code
   *     ordersRead} reaches the run's orders)
   * @param bytesToSort bytes the sort has to take in, as far as generated so far (0: unknown)
   * @param bytesSorted bytes the sort has written out, or -1 when the runner cannot tell
   * @param sorted whether the sort is known to be complete (else it is when {@code bytesSorted}
   *     reaches {@code bytesToSort})
   */
  record Figures(long ordersRead, boolean generated, long bytesToSort, long bytesSorted, boolean sorted) {
  }

  /** The figures now, or null when the runner cannot tell. */
  Figures read();

  /**
   * What a running live job has done.
   *
   * @param eventsPublished events handed to Kafka so far
   * @param clockSeconds the simulated clock, in epoch seconds (0: not started)
   * @param lagMillis how far behind schedule the players are, in wall-clock milliseconds
   */
  record LiveFigures(long eventsPublished, long clockSeconds, long lagMillis) {}

  /** The live figures now, or null when the runner cannot tell. */
  default LiveFigures readLive() {
    return null;
  }
}
