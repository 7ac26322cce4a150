package org.eventsim.generate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.Test;

public class OrderRandomTest {
  @Test
  public void sameSeedOrderAndStreamGiveTheSameSequence() {
    OrderRandom a = OrderRandom.of(42, 7, 3);
    OrderRandom b = OrderRandom.of(42, 7, 3);
    for (int i = 0; i < 100; i++) {
      assertThat(a.nextLong(), equalTo(b.nextLong()));
    }
  }

  @Test
  public void streamsDifferBySeedOrderAndStream() {
    long base = OrderRandom.of(42, 7, 3).nextLong();
    assertThat(OrderRandom.of(43, 7, 3).nextLong(), not(equalTo(base)));
    assertThat(OrderRandom.of(42, 8, 3).nextLong(), not(equalTo(base)));
    assertThat(OrderRandom.of(42, 7, 4).nextLong(), not(equalTo(base)));
  }

  /** Pins the algorithm: a change here changes every generated file. */
  @Test
  public void fixedOutputForAFixedSeed() {
    OrderRandom r = OrderRandom.of(42, 0, 0);
    assertThat(r.nextLong(), equalTo(OrderRandom.mix64(stateAfterOneStep(42, 0, 0))));
  }

  private static long stateAfterOneStep(long seed, long order, int stream) {
    long h = OrderRandom.mix64(seed ^ 0x6a09e667f3bcc909L);
    h = OrderRandom.mix64(h ^ order);
    h = OrderRandom.mix64(h ^ OrderRandom.mix64(0xbb67ae8584caa73bL + stream));
    return h + 0x9e3779b97f4a7c15L;
  }

  @Test
  public void betweenIsInclusiveAndUniform() {
    OrderRandom r = OrderRandom.of(1, 2, 3);
    int[] counts = new int[5];
    int n = 500_000;
    for (int i = 0; i < n; i++) {
      counts[(int) r.between(10, 14) - 10]++;
    }
    for (int c : counts) {
      assertThat((double) c / n, closeTo(0.2, 0.005));
    }
  }

  @Test
  public void gaussianHasUnitMoments() {
    OrderRandom r = OrderRandom.of(5, 6, 7);
    int n = 400_000;
    double sum = 0;
    double sumSq = 0;
    for (int i = 0; i < n; i++) {
      double g = r.nextGaussian();
      sum += g;
      sumSq += g * g;
    }
    assertThat(sum / n, closeTo(0, 0.01));
    assertThat(sumSq / n, closeTo(1, 0.01));
  }

  @Test
  public void chanceHonoursTheEdges() {
    OrderRandom r = OrderRandom.of(9, 9, 9);
    for (int i = 0; i < 10_000; i++) {
      assertThat(r.chance(0), equalTo(false));
      assertThat(r.chance(1), equalTo(true));
    }
  }
}
