package org.eventsim.source;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.SourceTestUtils;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;

public class OrderBlockSourceTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private final PipelineOptions options = PipelineOptionsFactory.create();

  @Test
  public void coversTheRangeInBlocksTheLastOneShort() throws Exception {
    List<OrderBlock> blocks = SourceTestUtils.readFromSource(OrderBlockSource.of(10, 35, 10), options);
    assertThat(blocks, contains(new OrderBlock(10, 20), new OrderBlock(20, 30), new OrderBlock(30, 35)));
  }

  /** So that every combine downstream has an input (it runs without a default value). */
  @Test
  public void anEmptyRangeIsOneEmptyBlock() throws Exception {
    assertThat(SourceTestUtils.readFromSource(OrderBlockSource.of(5, 5, 10), options), contains(new OrderBlock(5, 5)));
  }

  @Test
  public void anyInitialSplitReproducesTheWhole() throws Exception {
    OrderBlockSource source = OrderBlockSource.of(0, 12_345, 100);
    for (long bundleBytes : new long[] {1, 1_000_000, 50_000_000, 1L << 40}) {
      List<? extends org.apache.beam.sdk.io.BoundedSource<OrderBlock>> splits = source.split(bundleBytes, options);
      assertThat(splits.size(), greaterThan(0));
      SourceTestUtils.assertSourcesEqualReferenceSource(source, splits, options);
    }
  }

  @Test
  public void dynamicSplittingAtAnyFractionIsConsistent() throws Exception {
    SourceTestUtils.assertSplitAtFractionExhaustive(OrderBlockSource.of(0, 95, 10), options);
  }

  @Test
  public void readsInAPipeline() {
    PCollection<OrderBlock> blocks = p.apply(Read.from(OrderBlockSource.of(0, 2_500, 1_000)));
    PAssert.that(blocks)
        .containsInAnyOrder(new OrderBlock(0, 1_000), new OrderBlock(1_000, 2_000), new OrderBlock(2_000, 2_500));
    p.run().waitUntilFinish();
  }

  @Test
  public void coderRoundTrips() throws Exception {
    OrderBlock b = new OrderBlock(Long.MAX_VALUE - 5, Long.MAX_VALUE);
    List<OrderBlock> in = new ArrayList<>(List.of(b, new OrderBlock(0, 0)));
    for (OrderBlock x : in) {
      assertThat(
          org.apache.beam.sdk.util.CoderUtils.clone(OrderBlock.Coder.of(), x), equalTo(x));
    }
  }
}
