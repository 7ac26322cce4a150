package org.eventsim.stats;

import java.util.Arrays;
import java.util.SortedMap;
import java.util.TreeMap;

/** Counts per UTC day number, in a growable array from the lowest day seen. Mutable. */
final class DayCounts {
  private int firstDay;
  private long[] counts = new long[0];

  /** Adds {@code n} to {@code day}. */
  void add(int day, long n) {
    if (counts.length == 0) {
      firstDay = day;
      counts = new long[16];
    } else if (day < firstDay) {
      int grow = Math.max(firstDay - day, counts.length);
      long[] wider = new long[counts.length + grow];
      System.arraycopy(counts, 0, wider, grow, counts.length);
      counts = wider;
      firstDay -= grow;
    } else if (day - firstDay >= counts.length) {
      counts = Arrays.copyOf(counts, Math.max(day - firstDay + 1, counts.length * 2));
    }
    counts[day - firstDay] += n;
  }

  void merge(DayCounts other) {
    for (int i = 0; i < other.counts.length; i++) {
      if (other.counts[i] != 0) {
        add(other.firstDay + i, other.counts[i]);
      }
    }
  }

  /** The non-zero counts by day, ascending. */
  SortedMap<Integer, Long> toMap() {
    SortedMap<Integer, Long> map = new TreeMap<>();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] != 0) {
        map.put(firstDay + i, counts[i]);
      }
    }
    return map;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DayCounts d && d.toMap().equals(toMap());
  }

  @Override
  public int hashCode() {
    return toMap().hashCode();
  }
}
