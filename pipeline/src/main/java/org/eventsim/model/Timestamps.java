package org.eventsim.model;

import org.eventsim.text.ByteBuilder;

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
    ByteBuilder out = new ByteBuilder(27);
    append(out, micros);
    return out.toString();
  }

  /** Appends {@link #format(long)} to {@code out}. */
  public static void append(ByteBuilder out, long micros) {
    long day = Math.floorDiv(micros, MICROS_PER_DAY);
    long microsOfDay = micros - day * MICROS_PER_DAY;
    appendDate(out, day);
    long secOfDay = microsOfDay / MICROS_PER_SECOND;
    out.append('T').appendPadded(secOfDay / 3600, 2);
    out.append(':').appendPadded(secOfDay / 60 % 60, 2);
    out.append(':').appendPadded(secOfDay % 60, 2);
    out.append('.').appendPadded(microsOfDay % MICROS_PER_SECOND, 6).append('Z');
  }

  /** {@code yyyy-MM-dd} of a UTC day number. */
  public static String formatDate(long epochDay) {
    ByteBuilder out = new ByteBuilder(10);
    appendDate(out, epochDay);
    return out.toString();
  }

  /** Appends {@code yyyy-MM-dd} of a UTC day number (proleptic Gregorian, civil-from-days). */
  public static void appendDate(ByteBuilder out, long epochDay) {
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
    out.appendPadded(year, 4).append('-').appendPadded(month, 2).append('-').appendPadded(dom, 2);
  }
}
