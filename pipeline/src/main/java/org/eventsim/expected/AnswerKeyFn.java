package org.eventsim.expected;

import java.util.SortedMap;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.SortedMapCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine.CombineFn;

/**
 * Combines per-block partial answer keys (taken where each block's orders are generated) into the
 * run's answer key, rendered as the files of {@code expected/}: file name to JSON text. The
 * figures are sums, so any grouping and order of the partials gives the same bytes.
 */
public final class AnswerKeyFn
    extends CombineFn<AnswerKeyAccumulator, AnswerKeyAccumulator, SortedMap<String, String>> {
  @Override
  public AnswerKeyAccumulator createAccumulator() {
    return new AnswerKeyAccumulator();
  }

  @Override
  public AnswerKeyAccumulator addInput(AnswerKeyAccumulator acc, AnswerKeyAccumulator partial) {
    acc.merge(partial);
    return acc;
  }

  @Override
  public AnswerKeyAccumulator mergeAccumulators(Iterable<AnswerKeyAccumulator> accumulators) {
    AnswerKeyAccumulator merged = new AnswerKeyAccumulator();
    for (AnswerKeyAccumulator a : accumulators) {
      merged.merge(a);
    }
    return merged;
  }

  @Override
  public SortedMap<String, String> extractOutput(AnswerKeyAccumulator acc) {
    return AnswerKeyJson.render(acc);
  }

  @Override
  public Coder<AnswerKeyAccumulator> getAccumulatorCoder(
      CoderRegistry registry, Coder<AnswerKeyAccumulator> inputCoder) {
    return AnswerKeyAccumulator.Coder.of();
  }

  @Override
  public Coder<SortedMap<String, String>> getDefaultOutputCoder(
      CoderRegistry registry, Coder<AnswerKeyAccumulator> inputCoder) {
    return SortedMapCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of());
  }
}
