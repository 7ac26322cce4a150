package org.eventsim.live;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.util.VarInt;
import org.eventsim.expected.AnswerKeyRow;
import org.eventsim.model.EventBatch;

/**
 * What a live player emits at one moment: the events now due (in arrival order), or its shares of
 * answer-key rows that have just become final (the figures of its own orders; every player sends a
 * share of every final row, so that the sum knows when it has them all). Exactly one of the two is
 * set.
 *
 * @param events events due now, or null
 * @param shares row shares now final, or null
 */
public record LiveElement(EventBatch events, List<AnswerKeyRow> shares) {
  static LiveElement of(EventBatch events) {
    return new LiveElement(events, null);
  }

  static LiveElement of(List<AnswerKeyRow> shares) {
    return new LiveElement(null, List.copyOf(shares));
  }

  /** Deterministic coder: a tag, then the batch or the shares. */
  public static final class Coder extends AtomicCoder<LiveElement> {
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(LiveElement value, OutputStream out) throws IOException {
      if (value.events() != null) {
        out.write(0);
        EventBatch.Coder.of().encode(value.events(), out);
        return;
      }
      out.write(1);
      VarInt.encode(value.shares().size(), out);
      for (AnswerKeyRow s : value.shares()) {
        AnswerKeyRow.Coder.of().encode(s, out);
      }
    }

    @Override
    public LiveElement decode(InputStream in) throws IOException {
      int tag = in.read();
      if (tag == 0) {
        return LiveElement.of(EventBatch.Coder.of().decode(in));
      }
      int n = VarInt.decodeInt(in);
      List<AnswerKeyRow> shares = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        shares.add(AnswerKeyRow.Coder.of().decode(in));
      }
      return LiveElement.of(shares);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
