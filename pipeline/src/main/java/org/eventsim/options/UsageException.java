package org.eventsim.options;

/** Bad command-line input: the message is one line that names the flag and what it accepts. */
public final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
