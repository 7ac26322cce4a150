package org.eventsim.stats;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Combine.CombineFn;
import org.eventsim.model.EventBatch;
import org.eventsim.model.EventRecord;

/**
 * Combines event batches into the run's {@link RunStats}. Batches hold whole orders, each order's
 * events together in business order, which is what makes the per-order out-of-order count
 * possible here.
 */
public final class StatsFn extends CombineFn<EventBatch, StatsAccumulator, RunStats> {
  @Override
  public StatsAccumulator createAccumulator() {
    return new StatsAccumulator();
  }

  @Override
  public StatsAccumulator addInput(StatsAccumulator acc, EventBatch batch) {
    List<EventRecord> order = new ArrayList<>(5);
    for (EventRecord r : batch.records()) {
      if (!order.isEmpty() && order.get(0).orderIndex() != r.orderIndex()) {
        acc.addOrder(order);
        order.clear();
      }
      order.add(r);
    }
    if (!order.isEmpty()) {
      acc.addOrder(order);
    }
    return acc;
  }

  @Override
  public StatsAccumulator mergeAccumulators(Iterable<StatsAccumulator> accumulators) {
    StatsAccumulator merged = new StatsAccumulator();
    for (StatsAccumulator a : accumulators) {
      merged.merge(a);
    }
    return merged;
  }

  @Override
  public RunStats extractOutput(StatsAccumulator acc) {
    return RunStats.of(acc);
  }

  @Override
  public Coder<StatsAccumulator> getAccumulatorCoder(
      CoderRegistry registry, Coder<EventBatch> inputCoder) {
    return StatsAccumulator.Coder.of();
  }

  /** One element per run, so Java serialization is cheap enough and keeps RunStats plain. */
  @Override
  public Coder<RunStats> getDefaultOutputCoder(
      CoderRegistry registry, Coder<EventBatch> inputCoder) {
    return SerializableCoder.of(RunStats.class);
  }
}
