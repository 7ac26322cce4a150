package org.eventsim.sink;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.transforms.Combine.CombineFn;
import org.apache.beam.sdk.transforms.SerializableComparator;

/**
 * Collects a small PCollection (file names, say) into one sorted list; the empty list when there
 * are none. Sorting in {@link #extractOutput} makes the result independent of bundling.
 */
final class SortedListFn<T> extends CombineFn<T, List<T>, List<T>> {
  private final Coder<T> elementCoder;
  private final SerializableComparator<T> order;

  SortedListFn(Coder<T> elementCoder, SerializableComparator<T> order) {
    this.elementCoder = elementCoder;
    this.order = order;
  }

  @Override
  public List<T> createAccumulator() {
    return new ArrayList<>();
  }

  @Override
  public List<T> addInput(List<T> acc, T input) {
    acc.add(input);
    return acc;
  }

  @Override
  public List<T> mergeAccumulators(Iterable<List<T>> accumulators) {
    List<T> merged = new ArrayList<>();
    accumulators.forEach(merged::addAll);
    return merged;
  }

  @Override
  public List<T> extractOutput(List<T> acc) {
    List<T> sorted = new ArrayList<>(acc);
    sorted.sort(order);
    return sorted;
  }

  @Override
  public Coder<List<T>> getAccumulatorCoder(CoderRegistry registry, Coder<T> inputCoder) {
    return ListCoder.of(elementCoder);
  }

  @Override
  public Coder<List<T>> getDefaultOutputCoder(CoderRegistry registry, Coder<T> inputCoder) {
    return ListCoder.of(elementCoder);
  }
}
