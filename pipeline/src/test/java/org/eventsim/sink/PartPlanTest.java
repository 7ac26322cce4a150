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
  public void smallRunsPutSeveralDaysInOneGroupAndFilesInOnePart() {
    PartPlan plan = PartPlan.of(GeneratorConfig.builder().numOrders(5_000).build(), 262_144);
    assertThat(plan.singlePart(), equalTo(true));
    assertThat(plan.daysPerGroup(), greaterThan(14));
    assertThat(plan.partOf(DatePartition.EVENT_DATE, 20_000, 20_003L * MICROS_PER_DAY), equalTo(0));
    assertThat(plan.groupOf(20_000, 0), equalTo(plan.groupOf(20_001, 0)));
  }

  @Test
  public void bigRunsCutDaysIntoPartsOfBoundedSize() {
    GeneratorConfig big = GeneratorConfig.builder().numOrders(100_000_000).build();
    PartPlan plan = PartPlan.of(big, 250_000);
    // ~2.95 events per order over 14 days, with 10 % headroom: 100M * 2.95 * 1.1 / 14 / 250k = 93
    assertThat(plan.partsPerDay(), equalTo(93));
    assertThat(plan.daysPerGroup(), equalTo(1));
  }

  @Test
  public void partsFollowArrivalOrderWithinAFile() {
    PartPlan plan = PartPlan.of(GeneratorConfig.builder().numOrders(2_000_000).build(), 100_000);
    int day = 20_500;
    long dayStart = day * MICROS_PER_DAY;
    int previous = -1;
    for (long t = dayStart; t < dayStart + 6 * MICROS_PER_DAY; t += 60_000_000L) {
      int part = plan.partOf(DatePartition.EVENT_DATE, day, t);
      assertThat(part, greaterThanOrEqualTo(previous));
      assertThat(part, lessThan(2 * plan.partsPerDay()));
      previous = part;
      if (t < dayStart + MICROS_PER_DAY) {
        assertThat(plan.partOf(DatePartition.INGEST_DATE, day, t), equalTo(part));
      }
    }
    assertThat(previous, equalTo(2 * plan.partsPerDay() - 1));
  }

  @Test
  public void groupsOfDifferentPartsDiffer() {
    PartPlan plan = PartPlan.of(GeneratorConfig.builder().numOrders(2_000_000).build(), 100_000);
    assertThat(plan.groupOf(20_500, 0) == plan.groupOf(20_500, 1), equalTo(false));
    assertThat(plan.groupOf(20_500, 2 * plan.partsPerDay() - 1) < plan.groupOf(20_501, 0), equalTo(true));
  }
}
