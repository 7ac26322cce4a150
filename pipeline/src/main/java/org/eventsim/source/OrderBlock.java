package org.eventsim.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * A block of consecutive orders, [firstOrder, endOrder): the unit of work the source hands out.
 *
 * <p>Blocks make elements coarse: the generator works on a block at a time, so the engine's
 * per-element cost is paid per thousand orders, not per event. Block size never changes output.
 */
public record OrderBlock(long firstOrder, long endOrder) {
  public OrderBlock {
    if (firstOrder < 0 || endOrder < firstOrder) {
      throw new IllegalArgumentException("bad order block [" + firstOrder + ", " + endOrder + ")");
    }
  }

  /** Number of orders in the block. */
  public long size() {
    return endOrder - firstOrder;
  }

  /** Deterministic coder: both bounds as var-longs. */
  public static final class Coder extends AtomicCoder<OrderBlock> {
    private static final Coder INSTANCE = new Coder();
    private static final VarLongCoder LONG = VarLongCoder.of();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(OrderBlock value, OutputStream out) throws IOException {
      LONG.encode(value.firstOrder, out);
      LONG.encode(value.endOrder, out);
    }

    @Override
    public OrderBlock decode(InputStream in) throws IOException {
      return new OrderBlock(LONG.decode(in), LONG.decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
