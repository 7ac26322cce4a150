package org.eventsim.testing;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * The one way the tests wait for something outside them (a process, a broker, a file): poll a
 * condition until it holds, failing with what was awaited once the bound has passed. No test
 * sleeps for a fixed time instead.
 */
public final class Waits {
  private static final long POLL_MILLIS = 50;

  private Waits() {}

  /** What a poll found: done, with a value, or not yet. */
  @FunctionalInterface
  public interface Poll<T> {
    /** The value once the awaited thing has happened, else null. */
    T poll() throws Exception;
  }

  /**
   * Polls {@code condition} until it holds.
   *
   * @param what what is awaited, for the failure's message
   * @throws AssertionError naming {@code what} when it does not hold within {@code bound}
   */
  public static void until(String what, Duration bound, Callable<Boolean> condition) throws Exception {
    forValue(what, bound, () -> Boolean.TRUE.equals(condition.call()) ? Boolean.TRUE : null);
  }

  /** Polls {@code poll} until it gives a value, and returns it; fails as {@link #until} does. */
  public static <T> T forValue(String what, Duration bound, Poll<T> poll) throws Exception {
    long deadline = System.nanoTime() + bound.toNanos();
    while (true) {
      T value = poll.poll();
      if (value != null) {
        return value;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + bound.toSeconds() + " s: " + what);
      }
      Thread.sleep(POLL_MILLIS);
    }
  }
}
