package org.eventsim.text;

import java.util.Arrays;

/**
 * A growable byte buffer for ASCII text and big-endian binary fields, reused across events: JSON
 * lines and the records around them are written straight into it, without intermediate Strings.
 * Not thread-safe.
 */
public final class ByteBuilder {
  private static final byte[] HEX_LOWER = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final byte[] HEX_UPPER = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private byte[] bytes;
  private int length;

  public ByteBuilder(int capacity) {
    bytes = new byte[capacity];
  }

  /** Empties the buffer, keeping its capacity. */
  public ByteBuilder clear() {
    length = 0;
    return this;
  }

  public int length() {
    return length;
  }

  /** The backing array; valid bytes are [0, length()). */
  public byte[] array() {
    return bytes;
  }

  /** A copy of the contents. */
  public byte[] toByteArray() {
    return Arrays.copyOf(bytes, length);
  }

  @Override
  public String toString() {
    return new String(bytes, 0, length, java.nio.charset.StandardCharsets.US_ASCII);
  }

  private void ensure(int extra) {
    if (length + extra > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + extra));
    }
  }

  /** Appends a big-endian long. */
  public ByteBuilder putLong(long v) {
    ensure(8);
    for (int i = 7; i >= 0; i--) {
      bytes[length + i] = (byte) v;
      v >>>= 8;
    }
    length += 8;
    return this;
  }

  /** Appends a big-endian int. */
  public ByteBuilder putInt(int v) {
    ensure(4);
    setInt(length, v);
    length += 4;
    return this;
  }

  /** Overwrites the big-endian int at {@code position} (which must already be written). */
  public void setInt(int position, int v) {
    bytes[position] = (byte) (v >>> 24);
    bytes[position + 1] = (byte) (v >>> 16);
    bytes[position + 2] = (byte) (v >>> 8);
    bytes[position + 3] = (byte) v;
  }

  /** Appends {@code length} bytes of {@code src} from {@code offset}. */
  public ByteBuilder put(byte[] src, int offset, int length) {
    ensure(length);
    System.arraycopy(src, offset, bytes, this.length, length);
    this.length += length;
    return this;
  }

  public ByteBuilder append(char c) {
    ensure(1);
    bytes[length++] = (byte) c;
    return this;
  }

  /** Appends a string known to be printable ASCII (a literal, a number, an id). */
  public ByteBuilder appendAscii(String s) {
    int n = s.length();
    ensure(n);
    s.getBytes(0, n, bytes, length); // deprecated but exact for ASCII, and copies no charset
    length += n;
    return this;
  }

  /** Appends the decimal digits of {@code v}. */
  public ByteBuilder appendLong(long v) {
    if (v < 0) {
      if (v == Long.MIN_VALUE) {
        return appendAscii(Long.toString(v));
      }
      append('-');
      v = -v;
    }
    return appendPadded(v, 1);
  }

  /** Appends non-negative {@code v} in decimal, left-padded with zeros to {@code width} digits. */
  public ByteBuilder appendPadded(long v, int width) {
    int digits = 1;
    for (long t = v; t >= 10; t /= 10) {
      digits++;
    }
    int n = Math.max(digits, width);
    ensure(n);
    int end = length + n;
    for (int i = end - 1; i >= length; i--) {
      bytes[i] = (byte) ('0' + (v % 10));
      v /= 10;
    }
    length = end;
    return this;
  }

  /** Appends the low {@code digits} hex digits of {@code bits}, most significant first. */
  public ByteBuilder appendHex(long bits, int digits, boolean upperCase) {
    byte[] hex = upperCase ? HEX_UPPER : HEX_LOWER;
    ensure(digits);
    for (int i = digits - 1; i >= 0; i--) {
      bytes[length + i] = hex[(int) (bits & 0xf)];
      bits >>>= 4;
    }
    length += digits;
    return this;
  }

  /** Appends a UUID in its canonical lower-case form (8-4-4-4-12). */
  public ByteBuilder appendUuid(long msb, long lsb) {
    appendHex(msb >>> 32, 8, false).append('-');
    appendHex(msb >>> 16, 4, false).append('-');
    appendHex(msb, 4, false).append('-');
    appendHex(lsb >>> 48, 4, false).append('-');
    return appendHex(lsb, 12, false);
  }
}
