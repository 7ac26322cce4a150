package org.eventsim.model;

/**
 * Event timestamps: microseconds since the epoch (UTC), printed as ISO-8601 with exactly six
 * fraction digits and a {@code Z}, e.g. {@code 2026-01-01T00:00:43.196961Z}.
 *
 * <p>The printer is hand-written because it runs twice per event; it is checked against {@link
 * java.time.format.DateTimeFormatter} in tests. Only years 0000-9999 are supported.
 */
public final class Timestamps {
  public static final long MICROS_PER_SECOND = 1_000_000L;
  public static final long MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
  public static final long MICROS_PER_DAY = 86_400 * MICROS_PER_SECOND;

  private Timestamps() {}

  /** The UTC day number (days since 1970-01-01) of the instant. */
  public static int epochDay(long micros) {
    return Math.toIntExact(Math.floorDiv(micros, MICROS_PER_DAY));
  }

  /** {@code yyyy-MM-ddTHH:mm:ss.ffffffZ}. */
  public static String format(long micros) {
    StringBuilder sb = new StringBuilder(27);
    append(sb, micros);
    return sb.toString();
  }

  /** Appends {@link #format(long)} to {@code sb}. */
  public static void append(StringBuilder sb, long micros) {
    long day = Math.floorDiv(micros, MICROS_PER_DAY);
    long microsOfDay = micros - day * MICROS_PER_DAY;
    appendDate(sb, day);
    long secOfDay = microsOfDay / MICROS_PER_SECOND;
    int fraction = (int) (microsOfDay % MICROS_PER_SECOND);
    sb.append('T');
    pad(sb, (int) (secOfDay / 3600), 2);
    sb.append(':');
    pad(sb, (int) (secOfDay / 60 % 60), 2);
    sb.append(':');
    pad(sb, (int) (secOfDay % 60), 2);
    sb.append('.');
    pad(sb, fraction, 6);
    sb.append('Z');
  }

  /** {@code yyyy-MM-dd} of a UTC day number. */
  public static String formatDate(long epochDay) {
    StringBuilder sb = new StringBuilder(10);
    appendDate(sb, epochDay);
    return sb.toString();
  }

  /** Appends {@code yyyy-MM-dd} of a UTC day number (proleptic Gregorian, civil-from-days). */
  public static void appendDate(StringBuilder sb, long epochDay) {
    long z = epochDay + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int dom = (int) (doy - (153 * mp + 2) / 5 + 1);
    int month = (int) (mp < 10 ? mp + 3 : mp - 9);
    long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    if (year < 0 || year > 9999) {
      throw new IllegalArgumentException("year out of range 0000-9999: " + year);
    }
    pad(sb, (int) year, 4);
    sb.append('-');
    pad(sb, month, 2);
    sb.append('-');
    pad(sb, dom, 2);
  }

  private static void pad(StringBuilder sb, int value, int width) {
    for (int limit = 10, i = 1; i < width; i++, limit *= 10) {
      if (value < limit) {
        sb.append('0');
      }
    }
    sb.append(value);
  }
}
