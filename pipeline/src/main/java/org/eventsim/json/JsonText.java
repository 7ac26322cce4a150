package org.eventsim.json;

import org.eventsim.text.ByteBuilder;

/** JSON string literals, escaped the way Python's {@code json.dumps} escapes them by default. */
final class JsonText {
  private JsonText() {}

  /**
   * Appends {@code s} as a quoted JSON string with Python's default {@code ensure_ascii=True}
   * escaping: {@code \"}, {@code \\}, {@code \n}, {@code \r}, {@code \t}, {@code \b}, {@code \f},
   * and backslash-u and four hex digits for every other character outside printable ASCII (UTF-16
   * units, so a supplementary character becomes a surrogate pair, as in Python). The result is
   * pure ASCII.
   */
  static void appendQuoted(ByteBuilder out, String s) {
    out.append('"');
    int n = s.length();
    int safe = 0;
    while (safe < n && isPlain(s.charAt(safe))) {
      safe++;
    }
    if (safe == n) {
      out.appendAscii(s);
    } else {
      for (int i = 0; i < n; i++) {
        char c = s.charAt(i);
        switch (c) {
          case '"' -> out.append('\\').append('"');
          case '\\' -> out.append('\\').append('\\');
          case '\n' -> out.append('\\').append('n');
          case '\r' -> out.append('\\').append('r');
          case '\t' -> out.append('\\').append('t');
          case '\b' -> out.append('\\').append('b');
          case '\f' -> out.append('\\').append('f');
          default -> {
            if (isPlain(c)) {
              out.append(c);
            } else {
              out.append('\\').append('u').appendHex(c, 4, false);
            }
          }
        }
      }
    }
    out.append('"');
  }

  private static boolean isPlain(char c) {
    return c >= 0x20 && c <= 0x7e && c != '"' && c != '\\';
  }
}
