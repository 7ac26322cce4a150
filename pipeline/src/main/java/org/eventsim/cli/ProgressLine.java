package org.eventsim.cli;

/** A progress line on stderr, told often while the job runs; it decides when to print. */
interface ProgressLine {
  /** Called about every 200 ms with {@link System#nanoTime()} and the runner's probe. */
  void tick(long nowNanos, ProgressProbe probe);
}
