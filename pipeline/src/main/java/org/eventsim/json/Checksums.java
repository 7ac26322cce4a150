package org.eventsim.json;

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

  private static final ThreadLocal<MessageDigest> SHA1 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-1");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("every Java platform provides SHA-1", e);
            }
          });

  private Checksums() {}

  /** The checksum of a payload: 32 lower-case hex digits. */
  public static String of(Payload payload) {
    return uuid5OidHex(PayloadJson.pythonSortedKeys(payload));
  }

  /** {@code uuid.uuid5(uuid.NAMESPACE_OID, name).hex}. */
  public static String uuid5OidHex(String name) {
    MessageDigest sha1 = SHA1.get();
    sha1.reset();
    sha1.update(NAMESPACE_OID);
    byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
    hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
    hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // RFC 4122 variant
    char[] out = new char[32];
    for (int i = 0; i < 16; i++) {
      out[2 * i] = HEX[(hash[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[hash[i] & 0xf];
    }
    return new String(out);
  }
}
