package org.eventsim.stats;

import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.SerializableCoder;

/**
 * Combines per-block partial totals ({@link StatsAccumulator#addOrder}, taken where the block is
 * generated) into the run's {@link RunStats}. Totals are additive, so any grouping and
 * order of the partials gives the same result.
 */
public final class StatsFn extends MergePartialsFn<StatsAccumulator, RunStats> {
  @Override
  protected StatsAccumulator empty() {
    return new StatsAccumulator();
  }

  @Override
  protected void mergeInto(StatsAccumulator into, StatsAccumulator from) {
    into.merge(from);
  }

  @Override
  protected Coder<StatsAccumulator> accumulatorCoder() {
    return StatsAccumulator.Coder.of();
  }

  @Override
  public RunStats extractOutput(StatsAccumulator acc) {
    return RunStats.of(acc);
  }

  /** One element per run, so Java serialization is cheap enough and keeps RunStats plain. */
  @Override
  public Coder<RunStats> getDefaultOutputCoder(
      CoderRegistry registry, Coder<StatsAccumulator> inputCoder) {
    return SerializableCoder.of(RunStats.class);
  }
}
