package org.eventsim.sink;

import static org.eventsim.model.Timestamps.MICROS_PER_DAY;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;

import org.eventsim.generate.GeneratorConfig;
import org.junit.Test;

public class PartPlanTest {
  @Test
  public void smallRunsPutSeveralDaysInOneGroupAndIngestFilesInOnePart() {
    PartPlan plan = PartPlan.of(GeneratorConfig.builder().numOrders(5_000).build(), 262_144);
    assertThat(plan.singlePart(), equalTo(true));
    assertThat(plan.daysPerGroup(), greaterThan(14));
    assertThat(plan.partOf(20_003L * MICROS_PER_DAY + 5), equalTo(0));
    assertThat(plan.groupOf(20_000, 0), equalTo(plan.groupOf(20_001, 0)));
    assertThat(plan.parallelCompose(), equalTo(false));
  }

  @Test
  public void bigRunsCutDaysIntoPartsOfBoundedSize() {
    PartPlan plan = PartPlan.of(GeneratorConfig.builder().numOrders(100_000_000).build(), 250_000);
    // ~2.95 events per order over 14 days, with 10 % headroom: 100M * 2.954 * 1.1 / 14 / 250k = 93
    assertThat(plan.partsPerDay(), equalTo(93));
    assertThat(plan.daysPerGroup(), equalTo(1));
    assertThat(plan.parallelCompose(), equalTo(true));
  }

  @Test
  public void partsAreArrivalSlicesAndGroupsAndFragmentsFollowArrivalOrder() {
    PartPlan plan = PartPlan.of(GeneratorConfig.builder().numOrders(2_000_000).build(), 100_000);
    int p = plan.partsPerDay();
    int day = 20_500;
    long previousGroup = Long.MIN_VALUE;
    int previousFragment = -1;
    for (long t = day * MICROS_PER_DAY; t < (day + 4) * MICROS_PER_DAY; t += 60_000_000L) {
      int part = plan.partOf(t);
      assertThat(part, lessThan(p));
      int ingestDay = (int) Math.floorDiv(t, MICROS_PER_DAY);
      long group = plan.groupOf(ingestDay, part);
      assertThat(group, greaterThanOrEqualTo(previousGroup));
      previousGroup = group;
      int fragment = plan.fragmentIndex(day, ingestDay, part);
      assertThat(fragment, greaterThanOrEqualTo(previousFragment));
      previousFragment = fragment;
    }
    assertThat(previousFragment, equalTo(4 * p - 1));
  }

  /** Only then may the list of pieces do without Beam's default value for an empty input. */
  @Test
  public void aRunOfOrdersCertainlyWritesPiecesButAnEmptyRunOrAnIncrementMayNot() {
    assertThat(PartPlan.of(GeneratorConfig.builder().numOrders(1).build(), 262_144).writesPieces(), equalTo(true));
    assertThat(PartPlan.of(GeneratorConfig.builder().numOrders(0).build(), 262_144).writesPieces(), equalTo(false));
    GeneratorConfig increment =
        GeneratorConfig.builder().numOrders(100_000).ordersPerDay(20_000).ingestDays(20_500, 20_500).build();
    assertThat(PartPlan.of(increment, 262_144).writesPieces(), equalTo(false));
  }
}
