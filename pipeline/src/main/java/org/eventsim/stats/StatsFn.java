package org.eventsim.stats;

import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Combine.CombineFn;
import org.eventsim.model.EventBatch;

/**
 * Combines per-block partial totals ({@link StatsAccumulator#of(EventBatch)}, computed where the
 * block is generated) into the run's {@link RunStats}. Totals are additive, so any grouping and
 * order of the partials gives the same result.
 */
public final class StatsFn extends CombineFn<StatsAccumulator, StatsAccumulator, RunStats> {
  @Override
  public StatsAccumulator createAccumulator() {
    return new StatsAccumulator();
  }

  @Override
  public StatsAccumulator addInput(StatsAccumulator acc, StatsAccumulator partial) {
    acc.merge(partial);
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
      CoderRegistry registry, Coder<StatsAccumulator> inputCoder) {
    return StatsAccumulator.Coder.of();
  }

  /** One element per run, so Java serialization is cheap enough and keeps RunStats plain. */
  @Override
  public Coder<RunStats> getDefaultOutputCoder(
      CoderRegistry registry, Coder<StatsAccumulator> inputCoder) {
    return SerializableCoder.of(RunStats.class);
  }
}
