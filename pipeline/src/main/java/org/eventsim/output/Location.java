package org.eventsim.output;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An output folder as {@code --out} names it, read once at the edge: which store it is on and the
 * folder in normal form (an absolute path for a local folder, a URI otherwise), for Beam's file
 * systems. Anything else is refused here, with a message naming {@code --out} and what it accepts,
 * before any store is asked.
 *
 * <ul>
 *   <li>a local path, relative or absolute, or a {@code file:} URI ({@code file:///tmp/out});
 *   <li>{@code hdfs://HOST[:PORT]/path}: the NameNode must be named;
 *   <li>{@code s3://BUCKET/prefix}: the bucket must be named, as S3 names buckets.
 * </ul>
 *
 * <p>A folder name may not hold {@code * ? [ ] { }}: Beam's file systems read them as patterns
 * when they list a folder, so such a folder could not be told from others.
 *
 * @param given {@code --out} as typed, echoed back as {@code out_dir}
 * @param store the kind of store
 * @param spec the folder, absolute, as Beam's file systems name it
 */
public record Location(String given, StoreKind store, String spec) implements Serializable {
  /** The stores event-sim writes to. */
  public enum StoreKind {
    LOCAL,
    HDFS,
    S3
  }

  /** What --out accepts, for messages. */
  static final String ACCEPTS =
      "a local folder, hdfs://HOST:PORT/path or s3://bucket/prefix";

  private static final Pattern URI_SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*):.*");
  private static final Pattern GLOB = Pattern.compile("[*?\\[\\]{}]");
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  /**
   * Reads {@code given}.
   *
   * @throws IllegalArgumentException with a one-line message naming {@code --out}
   */
  public static Location parse(String given) {
    if (given == null || given.isBlank()) {
      throw new IllegalArgumentException(
          "--out is required: the folder to write events.ndjson, stats.json and the date folders to");
    }
    var m = URI_SCHEME.matcher(given);
    String scheme = m.matches() && !looksLikeWindowsDrive(given) ? m.group(1).toLowerCase(Locale.ROOT) : "";
    if (GLOB.matcher(given).find()) {
      throw refuse(given, "a folder name may not hold * ? [ ] { } (Beam's file systems read them as patterns)");
    }
    return switch (scheme) {
      case "" -> local(given, given);
      case "file" -> local(given, fileUriPath(given));
      case "hdfs" -> hdfs(withAuthority(given, "hdfs://HOST:PORT/path"));
      case "s3" -> s3(withAuthority(given, "s3://BUCKET/prefix"));
      default -> throw refuse(given, "event-sim does not write to " + scheme + ":// (it writes to " + ACCEPTS + ")");
    };
  }

  /** {@code given}, which must read SCHEME://...; else refused, showing {@code form}. */
  private static String withAuthority(String given, String form) {
    if (!given.matches("(?i)[a-z0-9]+://.*")) {
      throw refuse(given, "write it as " + form);
    }
    return given;
  }

  private static boolean looksLikeWindowsDrive(String s) {
    return s.length() > 2 && Character.isLetter(s.charAt(0)) && s.charAt(1) == ':' && (s.charAt(2) == '\\' || s.charAt(2) == '/');
  }

  private static Location local(String given, String path) {
    try {
      return new Location(given, StoreKind.LOCAL, Path.of(path).toAbsolutePath().normalize().toString());
    } catch (InvalidPathException e) {
      throw refuse(given, "is not a valid path (" + e.getReason() + ")");
    }
  }

  /** The path of a {@code file:} URI: {@code file:///abs/path} or {@code file:/abs/path}. */
  private static String fileUriPath(String given) {
    try {
      URI uri = new URI(given);
      if (uri.isOpaque() || uri.getPath() == null || !uri.getPath().startsWith("/")
          || (uri.getAuthority() != null && !uri.getAuthority().equals("localhost"))) {
        throw refuse(given, "a file: URI names an absolute path on this host, e.g. file:///tmp/out");
      }
      return uri.getPath();
    } catch (URISyntaxException e) {
      throw refuse(given, "is not a valid URI (" + e.getReason() + ")");
    }
  }

  private static Location hdfs(String given) {
    if (given.substring("hdfs://".length()).isEmpty()) {
      throw refuse(given, "name the NameNode: hdfs://HOST:PORT/path");
    }
    URI uri = uri(given);
    if (uri.getHost() == null) {
      throw refuse(given, "name the NameNode: hdfs://HOST:PORT/path");
    }
    if (uri.getPort() > 65_535) {
      throw refuse(given, "the NameNode's port must be from 1 to 65535");
    }
    String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
    return new Location(given, StoreKind.HDFS, "hdfs://" + uri.getRawAuthority() + path);
  }

  private static Location s3(String given) {
    String rest = given.substring("s3://".length());
    if (rest.isEmpty() || rest.startsWith("/")) {
      throw refuse(given, "name a bucket: s3://BUCKET/prefix");
    }
    URI uri = uri(given);
    String bucket = uri.getAuthority();
    if (bucket == null || bucket.isEmpty()) {
      throw refuse(given, "name a bucket: s3://BUCKET/prefix");
    }
    if (!BUCKET.matcher(bucket).matches()) {
      throw refuse(given, "'" + bucket + "' is not an S3 bucket name (3 to 63 lower-case letters, digits, '.' and '-')");
    }
    String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
    return new Location(given, StoreKind.S3, "s3://" + bucket + path);
  }

  private static URI uri(String given) {
    try {
      return new URI(given);
    } catch (URISyntaxException e) {
      throw refuse(given, "is not a valid URI (" + e.getReason() + ")");
    }
  }

  private static IllegalArgumentException refuse(String given, String why) {
    return new IllegalArgumentException("--out '" + given + "': " + why);
  }

  /** The NameNode of an HDFS location, {@code HOST[:PORT]}. */
  String hdfsAuthority() {
    return URI.create(spec).getRawAuthority();
  }
}
