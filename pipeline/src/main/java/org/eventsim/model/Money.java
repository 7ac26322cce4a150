package org.eventsim.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An amount of money in whole cents: exact, and with a stable JSON form.
 *
 * <p>The Python tool held amounts as floats rounded with {@code round(x, 2)} and printed them with
 * {@code repr}: the shortest decimal that reads back as the same double, keeping ".0" for whole
 * numbers. For a value rounded to cents that shortest decimal is the cents value with trailing
 * zeros removed, which is what {@link #appendJson} prints.
 */
public record Money(long cents) {

  /**
   * Python's {@code round(value, 2)}: the exact binary value of {@code value} rounded to two
   * decimals, ties to even.
   */
  public static Money round(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("not a finite amount: " + value);
    }
    return new Money(
        new BigDecimal(value).setScale(2, RoundingMode.HALF_EVEN).movePointRight(2).longValueExact());
  }

  /** The amount as the double the Python tool held. */
  public double toDouble() {
    return cents / 100.0;
  }

  /** Python's float repr: {@code 45.68}, {@code 45.6}, {@code 500.0}. */
  public String toJson() {
    StringBuilder sb = new StringBuilder(12);
    appendJson(sb);
    return sb.toString();
  }

  /** Appends {@link #toJson()} to {@code sb}. */
  public void appendJson(StringBuilder sb) {
    long c = cents;
    if (c < 0) {
      sb.append('-');
      c = -c;
    }
    int frac = (int) (c % 100);
    sb.append(c / 100).append('.');
    if (frac == 0) {
      sb.append('0');
    } else if (frac % 10 == 0) {
      sb.append(frac / 10);
    } else {
      if (frac < 10) {
        sb.append('0');
      }
      sb.append(frac);
    }
  }

  @Override
  public String toString() {
    return toJson();
  }
}
