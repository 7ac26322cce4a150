package org.eventsim.generate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A categorical distribution over a few values, e.g. currency USD .85, EUR .08, GBP .04, CAD .03.
 * Immutable.
 */
public final class Weighted<T> implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<T> values;
  private final double[] cumulative;

  private Weighted(List<T> values, double[] weights) {
    this.values = Collections.unmodifiableList(new ArrayList<>(values));
    this.cumulative = new double[weights.length];
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      if (!(weights[i] > 0)) {
        throw new IllegalArgumentException("weights must be positive: " + weights[i]);
      }
      sum += weights[i];
      cumulative[i] = sum;
    }
    for (int i = 0; i < cumulative.length; i++) {
      cumulative[i] /= sum;
    }
    cumulative[cumulative.length - 1] = 1.0;
  }

  /** Alternating value, weight pairs; weights are normalised by their sum. */
  @SuppressWarnings("unchecked")
  public static <T> Weighted<T> of(Object... valueWeightPairs) {
    if (valueWeightPairs.length == 0 || valueWeightPairs.length % 2 != 0) {
      throw new IllegalArgumentException("expected value, weight pairs");
    }
    List<T> values = new ArrayList<>();
    double[] weights = new double[valueWeightPairs.length / 2];
    for (int i = 0; i < valueWeightPairs.length; i += 2) {
      values.add((T) valueWeightPairs[i]);
      weights[i / 2] = ((Number) valueWeightPairs[i + 1]).doubleValue();
    }
    return new Weighted<>(values, weights);
  }

  /** Draws one value (consumes one draw). */
  public T pick(OrderRandom random) {
    double u = random.nextDouble();
    for (int i = 0; i < cumulative.length; i++) {
      if (u < cumulative[i]) {
        return values.get(i);
      }
    }
    return values.get(values.size() - 1);
  }

  /** The values, in declaration order. */
  public List<T> values() {
    return values;
  }

  /** The normalised probability of the i-th value. */
  public double probability(int i) {
    return cumulative[i] - (i == 0 ? 0 : cumulative[i - 1]);
  }
}
