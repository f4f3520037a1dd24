package dev.inflow.core;

/**
 * Size and rate limits. Rates are token buckets: the number is both the burst and the refill per
 * minute. Limits apply per user and, summed over all users, per tenant.
 *
 * @param maxBodyChars longest Markdown body of a comment, question or answer
 * @param maxThreadDepth how deep replies may nest
 * @param autoHideFlags how many flags hide a comment until a moderator looks at it
 * @param userWritesPerMinute writes (posts, edits, reactions, flags) per user
 * @param tenantWritesPerMinute writes per tenant
 * @param userReadsPerMinute reads per user (or per anonymous client address)
 * @param tenantReadsPerMinute reads per tenant
 */
public record Limits(
    int maxBodyChars,
    int maxThreadDepth,
    int autoHideFlags,
    int userWritesPerMinute,
    int tenantWritesPerMinute,
    int userReadsPerMinute,
    int tenantReadsPerMinute) {

  public Limits {
    positive("maxBodyChars", maxBodyChars);
    positive("maxThreadDepth", maxThreadDepth);
    if (maxThreadDepth > 64) {
      throw new IllegalArgumentException("maxThreadDepth is at most 64 (got " + maxThreadDepth + ")");
    }
    positive("autoHideFlags", autoHideFlags);
    positive("userWritesPerMinute", userWritesPerMinute);
    positive("tenantWritesPerMinute", tenantWritesPerMinute);
    positive("userReadsPerMinute", userReadsPerMinute);
    positive("tenantReadsPerMinute", tenantReadsPerMinute);
  }

  /** @return the limits Inflow starts with */
  public static Limits defaults() {
    return builder().build();
  }

  /** @return a builder starting from the defaults */
  public static Builder builder() {
    return new Builder();
  }

  /** @return a builder starting from these limits */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxBodyChars = maxBodyChars;
    b.maxThreadDepth = maxThreadDepth;
    b.autoHideFlags = autoHideFlags;
    b.userWritesPerMinute = userWritesPerMinute;
    b.tenantWritesPerMinute = tenantWritesPerMinute;
    b.userReadsPerMinute = userReadsPerMinute;
    b.tenantReadsPerMinute = tenantReadsPerMinute;
    return b;
  }

  private static void positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1 (got " + value + ")");
    }
  }

  /** Builds {@link Limits}; not thread-safe. */
  public static final class Builder {
    private int maxBodyChars = 10_000;
    private int maxThreadDepth = 32;
    private int autoHideFlags = 3;
    private int userWritesPerMinute = 30;
    private int tenantWritesPerMinute = 6_000;
    private int userReadsPerMinute = 1_200;
    private int tenantReadsPerMinute = 120_000;

    private Builder() {}

    public Builder maxBodyChars(int value) {
      this.maxBodyChars = value;
      return this;
    }

    public Builder maxThreadDepth(int value) {
      this.maxThreadDepth = value;
      return this;
    }

    public Builder autoHideFlags(int value) {
      this.autoHideFlags = value;
      return this;
    }

    public Builder userWritesPerMinute(int value) {
      this.userWritesPerMinute = value;
      return this;
    }

    public Builder tenantWritesPerMinute(int value) {
      this.tenantWritesPerMinute = value;
      return this;
    }

    public Builder userReadsPerMinute(int value) {
      this.userReadsPerMinute = value;
      return this;
    }

    public Builder tenantReadsPerMinute(int value) {
      this.tenantReadsPerMinute = value;
      return this;
    }

    /** @throws IllegalArgumentException naming the first limit out of range */
    public Limits build() {
      return new Limits(maxBodyChars, maxThreadDepth, autoHideFlags, userWritesPerMinute,
          tenantWritesPerMinute, userReadsPerMinute, tenantReadsPerMinute);
    }
  }
}
