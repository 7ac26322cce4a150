package org.eventsim.expected;

import java.util.SortedMap;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.SortedMapCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.eventsim.stats.MergePartialsFn;

/**
 * Combines per-block partial answer keys (taken where each block's orders are generated) into the
 * run's answer key, rendered as the files of {@code expected/}: file name to JSON text. The
 * figures are sums, so any grouping and order of the partials gives the same bytes.
 */
public final class AnswerKeyFn
    extends MergePartialsFn<AnswerKeyAccumulator, SortedMap<String, String>> {
  @Override
  protected AnswerKeyAccumulator empty() {
    return new AnswerKeyAccumulator();
  }

  @Override
  protected void mergeInto(AnswerKeyAccumulator into, AnswerKeyAccumulator from) {
    into.merge(from);
  }

  @Override
  protected Coder<AnswerKeyAccumulator> accumulatorCoder() {
    return AnswerKeyAccumulator.Coder.of();
  }

  @Override
  public SortedMap<String, String> extractOutput(AnswerKeyAccumulator acc) {
    return AnswerKeyJson.render(acc);
  }

  @Override
  public Coder<SortedMap<String, String>> getDefaultOutputCoder(
      CoderRegistry registry, Coder<AnswerKeyAccumulator> inputCoder) {
    return SortedMapCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of());
  }
}
