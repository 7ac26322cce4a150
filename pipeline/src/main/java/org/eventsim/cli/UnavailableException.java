package org.eventsim.cli;

/**
 * A server the run needs does not answer (a Flink master, a Kafka broker). The message is one
 * line naming the flag and address. The command exits with 1: the input is fine, the environment
 * is not (yet), so a scheduler may retry.
 */
public final class UnavailableException extends Exception {
  private static final long serialVersionUID = 1L;

  public UnavailableException(String message) {
    super(message);
  }
}
