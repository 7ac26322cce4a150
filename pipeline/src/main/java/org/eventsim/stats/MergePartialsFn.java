package org.eventsim.stats;

import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.transforms.Combine.CombineFn;

/**
 * A combiner whose inputs are already partial accumulators, taken where each block of orders is
 * generated (so the events themselves never travel to the combiner): adding an input and merging
 * accumulators are the same additive merge, hence any grouping and order of the partials gives the
 * same output.
 *
 * @param <A> the mutable, additive accumulator, also the input
 * @param <O> the output
 */
public abstract class MergePartialsFn<A, O> extends CombineFn<A, A, O> {
  /** A new accumulator with nothing in it. */
  protected abstract A empty();

  /** Adds {@code from}'s figures to {@code into}. */
  protected abstract void mergeInto(A into, A from);

  /** The accumulator's deterministic coder. */
  protected abstract Coder<A> accumulatorCoder();

  @Override
  public final A createAccumulator() {
    return empty();
  }

  @Override
  public final A addInput(A acc, A partial) {
    mergeInto(acc, partial);
    return acc;
  }

  @Override
  public final A mergeAccumulators(Iterable<A> accumulators) {
    A merged = empty();
    for (A a : accumulators) {
      mergeInto(merged, a);
    }
    return merged;
  }

  @Override
  public final Coder<A> getAccumulatorCoder(CoderRegistry registry, Coder<A> inputCoder) {
    return accumulatorCoder();
  }
}
