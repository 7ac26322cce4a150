package org.eventsim.json;

import org.eventsim.text.ByteBuilder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.eventsim.model.Payload;

/**
 * The event checksum the Python tool wrote, so that consumers' existing validation keeps working:
 * {@code uuid.uuid5(uuid.NAMESPACE_OID, json.dumps(payload, sort_keys=True)).hex}.
 */
public final class Checksums {
  /** RFC 4122's OID namespace, 6ba7b812-9dad-11d1-80b4-00c04fd430c8, as bytes. */
  private static final byte[] NAMESPACE_OID = {
    (byte) 0x6b, (byte) 0xa7, (byte) 0xb8, (byte) 0x12, (byte) 0x9d, (byte) 0xad, (byte) 0x11,
    (byte) 0xd1, (byte) 0x80, (byte) 0xb4, (byte) 0x00, (byte) 0xc0, (byte) 0x4f, (byte) 0xd4,
    (byte) 0x30, (byte) 0xc8
  };

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** Per thread: the digest and the buffer the payload's Python JSON is written into. */
  private static final ThreadLocal<State> STATE = ThreadLocal.withInitial(State::new);

  private Checksums() {}

  /** The checksum of a payload: 32 lower-case hex digits. */
  public static String of(Payload payload) {
    State s = STATE.get();
    PayloadJson.appendPythonSortedKeys(s.json.clear(), payload);
    return uuid5OidHex(s, s.json.array(), s.json.length());
  }

  /** {@code uuid.uuid5(uuid.NAMESPACE_OID, name).hex}. */
  public static String uuid5OidHex(String name) {
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
    return uuid5OidHex(STATE.get(), bytes, bytes.length);
  }

  private static String uuid5OidHex(State s, byte[] name, int length) {
    MessageDigest sha1 = s.sha1;
    sha1.reset();
    sha1.update(NAMESPACE_OID);
    sha1.update(name, 0, length);
    byte[] hash = sha1.digest();
    hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
    hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // RFC 4122 variant
    char[] out = new char[32];
    for (int i = 0; i < 16; i++) {
      out[2 * i] = HEX[(hash[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[hash[i] & 0xf];
    }
    return new String(out);
  }

  private static final class State {
    final ByteBuilder json = new ByteBuilder(256);
    final MessageDigest sha1;

    State() {
      try {
        sha1 = MessageDigest.getInstance("SHA-1");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java platform provides SHA-1", e);
      }
    }
  }
}
