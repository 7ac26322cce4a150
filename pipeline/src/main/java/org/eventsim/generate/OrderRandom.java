package org.eventsim.generate;

/**
 * The seeded pseudo-random stream behind every value of an order.
 *
 * <p>A stream is a pure function of (seed, order index, stream number): SplitMix64 started at a
 * point chosen by mixing the three. Separate streams for the order's attributes and for each
 * lifecycle slot keep values independent of one another: turning the cancel rate up changes which
 * orders are cancelled, not the amounts, times or ids of the others. The algorithm is written out
 * here (not {@link java.util.SplittableRandom}) so that its output is fixed by this file, and
 * {@link #nextGaussian()} uses {@link StrictMath} so that it is the same on every JVM and CPU.
 *
 * <p>Not thread-safe; create one per order and stream.
 */
public final class OrderRandom {
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private long state;

  private OrderRandom(long state) {
    this.state = state;
  }

  /** The stream {@code stream} of order {@code orderIndex} under {@code seed}. */
  public static OrderRandom of(long seed, long orderIndex, int stream) {
    long h = mix64(seed ^ 0x6a09e667f3bcc909L);
    h = mix64(h ^ orderIndex);
    h = mix64(h ^ mix64(0xbb67ae8584caa73bL + stream));
    return new OrderRandom(h);
  }

  /** David Stafford's Mix13, the SplitMix64 finalizer: a bijection on 64-bit values. */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** 64 uniformly distributed bits. */
  public long nextLong() {
    state += GOLDEN_GAMMA;
    return mix64(state);
  }

  /** Uniform in [0, 1), 53 bits. */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** True with probability {@code p} (never for 0, always for 1). */
  public boolean chance(double p) {
    return nextDouble() < p;
  }

  /** Uniform in [0, bound), without modulo bias. */
  public long nextLong(long bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive: " + bound);
    }
    long r = nextLong() >>> 1;
    long m = bound - 1;
    if ((bound & m) == 0L) {
      return r & m;
    }
    for (long u = r; u - (r = u % bound) + m < 0L; u = nextLong() >>> 1) {
      // rejected: u fell into the incomplete last interval
    }
    return r;
  }

  /** Uniform integer in [lo, hi], both inclusive (Python's {@code randint}). */
  public long between(long lo, long hi) {
    if (hi < lo) {
      throw new IllegalArgumentException("empty range [" + lo + ", " + hi + "]");
    }
    return lo + nextLong(hi - lo + 1);
  }

  /** Uniform double in [lo, hi). */
  public double uniform(double lo, double hi) {
    return lo + (hi - lo) * nextDouble();
  }

  /** A standard normal deviate (Box-Muller; consumes two draws). */
  public double nextGaussian() {
    double u1 = 1.0 - nextDouble(); // (0, 1]: log is finite
    double u2 = nextDouble();
    return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
  }
}
