package org.eventsim.live;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.io.UnboundedSource;

/**
 * How far one player has got, all it needs to go on after a restart: the wall-clock instant its
 * simulated clock started, the arrival key of the last event it emitted, and the last days whose
 * answer-key rows it has emitted. Everything else it holds is regenerated from the model.
 *
 * @param clockOriginMicros wall-clock instant (epoch microseconds) at which the simulated clock
 *     showed the start
 * @param position the last emitted event, or null before the first
 * @param ingestRowsThrough the last UTC day whose by_ingest_date share was emitted
 * @param eventRowsThrough the last UTC day whose by_event_date share was emitted
 */
public record LiveMark(long clockOriginMicros, Position position, int ingestRowsThrough, int eventRowsThrough)
    implements UnboundedSource.CheckpointMark {

  /** An event's arrival key: ingest time, then event id as an unsigned 128-bit number. */
  public record Position(long ingestMicros, long idMsb, long idLsb) {}

  /** Nothing to finalize: what was emitted is in the runner's hands. */
  @Override
  public void finalizeCheckpoint() {}

  /** Deterministic coder of the fields. */
  public static final class Coder extends AtomicCoder<LiveMark> {
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(LiveMark m, OutputStream out) throws IOException {
      DataOutputStream data = new DataOutputStream(out);
      data.writeLong(m.clockOriginMicros());
      data.writeBoolean(m.position() != null);
      if (m.position() != null) {
        data.writeLong(m.position().ingestMicros());
        data.writeLong(m.position().idMsb());
        data.writeLong(m.position().idLsb());
      }
      data.writeInt(m.ingestRowsThrough());
      data.writeInt(m.eventRowsThrough());
      data.flush();
    }

    @Override
    public LiveMark decode(InputStream in) throws IOException {
      DataInputStream data = new DataInputStream(in);
      long origin = data.readLong();
      Position p = data.readBoolean() ? new Position(data.readLong(), data.readLong(), data.readLong()) : null;
      return new LiveMark(origin, p, data.readInt(), data.readInt());
    }

    @Override
    public void verifyDeterministic() {}
  }
}
