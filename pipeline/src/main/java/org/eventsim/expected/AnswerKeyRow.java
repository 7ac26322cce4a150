package org.eventsim.expected;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.util.VarInt;

/**
 * One row of the answer key: the figures of {@code day} in {@code table}, or a share of them (the
 * figures of some of the orders; shares add up to the row).
 *
 * @param table the table (file of {@code expected/}) the row belongs to
 * @param day the UTC day (epoch day) of the row
 * @param figures the row's figures in the table's column order, or null when nothing counted there
 */
public record AnswerKeyRow(AnswerKeyAccumulator.Table table, int day, long[] figures) {
  /** This share plus {@code other}, a share of the same row. */
  public AnswerKeyRow plus(AnswerKeyRow other) {
    if (other.table != table || other.day != day) {
      throw new IllegalArgumentException("shares of different rows: " + this + ", " + other);
    }
    if (figures == null || other.figures == null) {
      return figures == null ? other : this;
    }
    long[] sum = figures.clone();
    for (int i = 0; i < sum.length; i++) {
      sum[i] += other.figures[i];
    }
    return new AnswerKeyRow(table, day, sum);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AnswerKeyRow r
        && r.table == table
        && r.day == day
        && java.util.Arrays.equals(r.figures, figures);
  }

  @Override
  public int hashCode() {
    return (table.hashCode() * 31 + day) * 31 + java.util.Arrays.hashCode(figures);
  }

  @Override
  public String toString() {
    return table + "/" + day + java.util.Arrays.toString(figures);
  }

  /** Deterministic coder: table, day, whether there are figures, then each as a VarInt. */
  public static final class Coder extends AtomicCoder<AnswerKeyRow> {
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(AnswerKeyRow s, OutputStream out) throws IOException {
      DataOutputStream data = new DataOutputStream(out);
      data.writeByte(s.table().ordinal());
      data.writeInt(s.day());
      data.writeBoolean(s.figures() != null);
      if (s.figures() != null) {
        for (long n : s.figures()) {
          VarInt.encode(n, data);
        }
      }
      data.flush();
    }

    @Override
    public AnswerKeyRow decode(InputStream in) throws IOException {
      DataInputStream data = new DataInputStream(in);
      AnswerKeyAccumulator.Table table = AnswerKeyAccumulator.Table.values()[data.readByte()];
      int day = data.readInt();
      long[] figures = null;
      if (data.readBoolean()) {
        figures = new long[table.columns()];
        for (int c = 0; c < figures.length; c++) {
          figures[c] = VarInt.decodeLong(data);
        }
      }
      return new AnswerKeyRow(table, day, figures);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
