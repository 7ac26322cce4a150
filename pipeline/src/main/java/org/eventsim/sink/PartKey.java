package org.eventsim.sink;

import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.values.KV;

/**
 * Keys of sorted parts: (the file's path relative to the output folder, part number). A plain
 * {@code KV} so that it groups with Beam's deterministic coders.
 */
final class PartKey {
  private PartKey() {}

  static KV<String, Integer> of(String relativePath, int part) {
    return KV.of(relativePath, part);
  }

  static Coder<KV<String, Integer>> coder() {
    return KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of());
  }
}
