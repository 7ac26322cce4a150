package org.eventsim.source;

import java.util.NoSuchElementException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.io.OffsetBasedSource;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.eventsim.metrics.RunCounters;

/**
 * A bounded source of the {@link OrderBlock}s that cover orders [firstOrder, endOrder).
 *
 * <p>Offsets are block numbers: block k covers orders [firstOrder + k * blockSize, min(firstOrder
 * + (k + 1) * blockSize, endOrder)). {@link OffsetBasedSource} gives initial splitting and dynamic
 * work rebalancing; any split of the source yields exactly the blocks of the whole, each once.
 *
 * <p>An empty range is one empty block, so that every run has at least one: the totals of the
 * blocks (stats.json, the answer key, the list of written files) are then combined without Beam's
 * step that supplies a value for an empty input, which costs a small run a tenth of its time.
 */
public final class OrderBlockSource extends OffsetBasedSource<OrderBlock> {
  private static final long serialVersionUID = 1L;

  /** Rough size of one order's events in the three file copies, for split sizing only. */
  private static final long ESTIMATED_BYTES_PER_ORDER = 3 * 3 * 470;

  private final long firstOrder;
  private final long endOrder;
  private final long blockSize;

  /** The blocks of orders [firstOrder, endOrder), blockSize orders each (the last may be short). */
  public static OrderBlockSource of(long firstOrder, long endOrder, long blockSize) {
    if (blockSize < 1) {
      throw new IllegalArgumentException("blockSize must be >= 1: " + blockSize);
    }
    if (firstOrder < 0 || endOrder < firstOrder) {
      throw new IllegalArgumentException("bad order range [" + firstOrder + ", " + endOrder + ")");
    }
    return new OrderBlockSource(firstOrder, endOrder, blockSize, 0, blocks(firstOrder, endOrder, blockSize));
  }

  private OrderBlockSource(
      long firstOrder, long endOrder, long blockSize, long startBlock, long endBlock) {
    super(startBlock, endBlock, 1);
    this.firstOrder = firstOrder;
    this.endOrder = endOrder;
    this.blockSize = blockSize;
  }

  /** The block at offset {@code blockNumber}. */
  OrderBlock block(long blockNumber) {
    long first = firstOrder + blockNumber * blockSize;
    return new OrderBlock(first, Math.min(first + blockSize, endOrder));
  }

  /** How many blocks cover [firstOrder, endOrder): at least one. */
  private static long blocks(long firstOrder, long endOrder, long blockSize) {
    return Math.max(1, (endOrder - firstOrder + blockSize - 1) / blockSize);
  }

  @Override
  public long getMaxEndOffset(PipelineOptions options) {
    return blocks(firstOrder, endOrder, blockSize);
  }

  @Override
  public OrderBlockSource createSourceForSubrange(long start, long end) {
    return new OrderBlockSource(firstOrder, endOrder, blockSize, start, end);
  }

  @Override
  public long getBytesPerOffset() {
    return blockSize * ESTIMATED_BYTES_PER_ORDER;
  }

  @Override
  public BoundedReader<OrderBlock> createReader(PipelineOptions options) {
    return new Reader(this);
  }

  @Override
  public Coder<OrderBlock> getOutputCoder() {
    return OrderBlock.Coder.of();
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder
        .add(DisplayData.item("firstOrder", firstOrder))
        .add(DisplayData.item("endOrder", endOrder))
        .add(DisplayData.item("blockSize", blockSize));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OrderBlockSource s
        && s.firstOrder == firstOrder
        && s.endOrder == endOrder
        && s.blockSize == blockSize
        && s.getStartOffset() == getStartOffset()
        && s.getEndOffset() == getEndOffset();
  }

  @Override
  public int hashCode() {
    return Long.hashCode(firstOrder * 31 + endOrder) * 31 + Long.hashCode(getStartOffset());
  }

  private static final class Reader extends OffsetBasedReader<OrderBlock> {
    private final Counter ordersRead = RunCounters.counter(RunCounters.ORDERS_READ);
    private long current;

    Reader(OrderBlockSource source) {
      super(source);
    }

    @Override
    protected long getCurrentOffset() throws NoSuchElementException {
      return current;
    }

    @Override
    public synchronized OrderBlockSource getCurrentSource() {
      return (OrderBlockSource) super.getCurrentSource();
    }

    @Override
    public synchronized long getSplitPointsRemaining() {
      return Math.max(0, getCurrentSource().getEndOffset() - current);
    }

    @Override
    public OrderBlock getCurrent() throws NoSuchElementException {
      return getCurrentSource().block(current);
    }

    @Override
    protected boolean startImpl() {
      current = getCurrentSource().getStartOffset();
      return true;
    }

    /**
     * Moves past the current block, which the runner has taken: its orders are counted here, as
     * the runner calls {@code advance()} within its metrics context but not always {@code
     * getCurrent()}.
     */
    @Override
    protected boolean advanceImpl() {
      ordersRead.inc(getCurrentSource().block(current).size());
      current++;
      return true;
    }

    @Override
    public void close() {}
  }
}
