package org.eventsim.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.eventsim.text.ByteBuilder;

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
    // Fast path: value * 100 is within half an ulp (~1e-13 here) of the exact product, so unless
    // it lies near a half-cent, rounding it gives the same cents as rounding the exact value.
    double scaled = value * 100;
    double fraction = scaled - Math.floor(scaled);
    if (Math.abs(scaled) < 1e12 && Math.abs(fraction - 0.5) > 1e-6) {
      return new Money((long) Math.rint(scaled));
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
    ByteBuilder out = new ByteBuilder(16);
    appendJson(out);
    return out.toString();
  }

  /** Appends {@link #toJson()} to {@code out}. */
  public void appendJson(ByteBuilder out) {
    long c = cents;
    if (c < 0) {
      out.append('-');
      c = -c;
    }
    int frac = (int) (c % 100);
    out.appendLong(c / 100).append('.');
    if (frac % 10 == 0) {
      out.appendLong(frac / 10);
    } else {
      out.appendPadded(frac, 2);
    }
  }

  @Override
  public String toString() {
    return toJson();
  }
}
