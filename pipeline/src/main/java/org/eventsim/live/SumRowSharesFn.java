package org.eventsim.live;

import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.eventsim.expected.AnswerKeyRow;

/**
 * Adds up the players' shares of each answer-key row (keyed by table and day) and emits the row
 * once every player has sent its share, then forgets it: state is held only for rows in flight.
 * A row no event counted in (all shares empty) is not emitted, as {@code expected/} has no entry
 * for such a day. The runner keeps the state consistent with the players' checkpoints, so a
 * restart counts no share twice.
 */
final class SumRowSharesFn extends DoFn<KV<String, AnswerKeyRow>, AnswerKeyRow> {
  private final int partitions;

  @StateId("sum")
  private final StateSpec<ValueState<AnswerKeyRow>> sumSpec = StateSpecs.value(AnswerKeyRow.Coder.of());

  @StateId("shares")
  private final StateSpec<ValueState<Integer>> sharesSpec = StateSpecs.value(VarIntCoder.of());

  SumRowSharesFn(int partitions) {
    this.partitions = partitions;
  }

  @ProcessElement
  public void process(
      @Element KV<String, AnswerKeyRow> share,
      @StateId("sum") ValueState<AnswerKeyRow> sum,
      @StateId("shares") ValueState<Integer> shares,
      OutputReceiver<AnswerKeyRow> out) {
    AnswerKeyRow before = sum.read();
    AnswerKeyRow total = before == null ? share.getValue() : before.plus(share.getValue());
    Integer seen = shares.read();
    int n = (seen == null ? 0 : seen) + 1;
    if (n < partitions) {
      sum.write(total);
      shares.write(n);
      return;
    }
    sum.clear();
    shares.clear();
    if (total.figures() != null) {
      out.output(total);
    }
  }
}
