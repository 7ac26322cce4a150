package org.eventsim.model;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import org.junit.Test;

public class MoneyTest {
  @Test
  public void printsLikePythonFloatRepr() {
    assertThat(new Money(4568).toJson(), equalTo("45.68"));
    assertThat(new Money(4560).toJson(), equalTo("45.6"));
    assertThat(new Money(50000).toJson(), equalTo("500.0"));
    assertThat(new Money(500).toJson(), equalTo("5.0"));
    assertThat(new Money(501).toJson(), equalTo("5.01"));
    assertThat(new Money(999900).toJson(), equalTo("9999.0"));
    assertThat(new Money(100).toJson(), equalTo("1.0"));
  }

  /** Expected values from CPython: {@code round(x, 2)} on the exact binary value, ties to even. */
  @Test
  public void roundsLikePythonRound() {
    assertThat(Money.round(2.675).cents(), equalTo(267L)); // 2.67499999... in binary
    assertThat(Money.round(0.125).cents(), equalTo(12L)); // exact tie -> even
    assertThat(Money.round(0.375).cents(), equalTo(38L)); // exact tie -> even
    assertThat(Money.round(1.005).cents(), equalTo(100L)); // 1.00499999...
    assertThat(Money.round(45.678).cents(), equalTo(4568L));
    assertThat(Money.round(500.0).cents(), equalTo(50000L));
    assertThat(Money.round(81.4508729).cents(), equalTo(8145L));
  }

  @Test
  public void fastRoundingAgreesWithExactDecimalRounding() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(11);
    for (int i = 0; i < 2_000_000; i++) {
      double x = i % 2 == 0 ? random.nextDouble(0, 10_000) : (random.nextInt(1_000_000) + 0.5) / 100;
      long exact =
          new java.math.BigDecimal(x)
              .setScale(2, java.math.RoundingMode.HALF_EVEN)
              .movePointRight(2)
              .longValueExact();
      assertThat(Double.toString(x), Money.round(x).cents(), equalTo(exact));
    }
  }

  @Test
  public void shortestReprOfEveryCentValueReadsBackAsTheRoundedDouble() {
    for (long cents = 100; cents <= 999_900; cents++) {
      Money m = new Money(cents);
      assertThat(Double.parseDouble(m.toJson()), equalTo(cents / 100.0));
    }
  }
}
