package org.eventsim.model;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.Assert.assertThrows;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.Test;

public class TimestampsTest {
  private static final DateTimeFormatter REFERENCE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  @Test
  public void formatsWithSixFractionDigitsAndZ() {
    long micros = Instant.parse("2026-01-01T00:00:43.196961Z").toEpochMilli() * 1000 + 961;
    assertThat(Timestamps.format(micros), equalTo("2026-01-01T00:00:43.196961Z"));
    assertThat(Timestamps.format(0), equalTo("1970-01-01T00:00:00.000000Z"));
    assertThat(
        Timestamps.format(Instant.parse("2026-03-01T23:59:59Z").getEpochSecond() * 1_000_000),
        equalTo("2026-03-01T23:59:59.000000Z"));
  }

  @Test
  public void agreesWithJavaTimeOnRandomInstants() {
    SplittableRandom random = new SplittableRandom(7);
    long max = Instant.parse("9998-12-31T23:59:59Z").getEpochSecond() * 1_000_000;
    for (int i = 0; i < 200_000; i++) {
      long micros = random.nextLong(max);
      Instant instant = Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000);
      assertThat(Timestamps.format(micros), equalTo(REFERENCE.format(instant)));
    }
  }

  @Test
  public void leapDaysAndCenturyRules() {
    for (String day : new String[] {"2000-02-29", "2024-02-29", "2100-03-01", "1999-12-31", "2026-12-31"}) {
      long epochDay = java.time.LocalDate.parse(day).toEpochDay();
      assertThat(Timestamps.formatDate(epochDay), equalTo(day));
      assertThat(Timestamps.epochDay(epochDay * Timestamps.MICROS_PER_DAY), equalTo((int) epochDay));
      assertThat(Timestamps.epochDay(epochDay * Timestamps.MICROS_PER_DAY - 1), equalTo((int) epochDay - 1));
    }
  }

  @Test
  public void rejectsYearsBeyondFourDigits() {
    long year10000 = java.time.LocalDate.parse("+10000-01-01").toEpochDay();
    assertThrows(IllegalArgumentException.class, () -> Timestamps.formatDate(year10000));
  }
}
