package org.eventsim.sink;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Makes a file from pieces, in order: the "compose" step of the distributed sort. Each store has
 * the way that suits it (see {@link OutputLayout#composer()}); all go through Beam's file systems
 * or, for one store, its own API, and hold at most a fixed buffer in memory.
 */
public interface Composer extends Serializable {
  /**
   * Writes {@code target} as the bytes of {@code pieces}, in order. The target appears complete or
   * not at all. A call that is retried after a failure part-way writes the same bytes.
   *
   * @param ownPieces whether the pieces are scratch files this step may consume (the caller deletes
   *     them afterwards); else they are output files that must stay
   * @param scratch a scratch file the composer may use as it likes
   */
  void compose(List<ResourceId> pieces, ResourceId target, boolean ownPieces, ResourceId scratch)
      throws IOException;
}
