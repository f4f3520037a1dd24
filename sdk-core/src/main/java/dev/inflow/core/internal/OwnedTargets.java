package dev.inflow.core.internal;

import dev.inflow.core.Caller;
import dev.inflow.core.spi.AccessPolicy;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The access policy in effect: the host's {@link AccessPolicy} for the host's targets, and the
 * owning feature's rules for target keys a feature of Inflow creates itself. Questions own
 * {@code question:{id}} and {@code answer:{id}}, so that comments on a question follow the
 * question's visibility (its own target's policy) instead of whatever the host's policy answers for
 * a key it has never heard of. Every reader of {@link Platform#accessPolicy()} goes through this
 * class, so features such as comments and the live channel need no special cases.
 *
 * <p>Prefixes are registered once at start-up, before requests arrive. Thread-safe.
 */
public final class OwnedTargets implements AccessPolicy {
  /** Decides access to the keys of one prefix. Implementations must be thread-safe and fast. */
  public interface Owner {
    /** @return whether the caller may read the owned key (false for keys that name nothing) */
    boolean canRead(Caller caller, String key);

    /** Only asked when {@link #canRead} said yes. */
    boolean canWrite(Caller caller, String key);

    /** Only asked when {@link #canRead} said yes. */
    boolean canModerate(Caller caller, String key);
  }

  private final AccessPolicy host;
  private final Map<String, Owner> owners = new ConcurrentHashMap<>();

  public OwnedTargets(AccessPolicy host) {
    this.host = Objects.requireNonNull(host, "host");
  }

  /**
   * @param prefix the part before the first ':' of the keys the feature owns, e.g. {@code question}
   * @throws IllegalStateException when the prefix is taken
   */
  public void register(String prefix, Owner owner) {
    if (prefix.isEmpty() || prefix.contains(":")) {
      throw new IllegalArgumentException("a prefix is the part before ':' (got '" + prefix + "')");
    }
    if (owners.putIfAbsent(prefix, Objects.requireNonNull(owner, "owner")) != null) {
      throw new IllegalStateException("target keys starting with " + prefix + ": are already owned");
    }
  }

  /** @return whether a feature owns the key (such keys cannot be targets of other features' things) */
  public boolean isOwned(String key) {
    return ownerOf(key) != null;
  }

  /** @return the host's own policy, without the owned keys */
  public AccessPolicy host() {
    return host;
  }

  @Override
  public boolean canRead(Caller caller, String targetKey) {
    Owner owner = ownerOf(targetKey);
    return owner != null ? owner.canRead(caller, targetKey) : host.canRead(caller, targetKey);
  }

  @Override
  public boolean canWrite(Caller caller, String targetKey) {
    Owner owner = ownerOf(targetKey);
    return owner != null ? owner.canWrite(caller, targetKey) : host.canWrite(caller, targetKey);
  }

  @Override
  public boolean canModerate(Caller caller, String targetKey) {
    Owner owner = ownerOf(targetKey);
    return owner != null ? owner.canModerate(caller, targetKey) : host.canModerate(caller, targetKey);
  }

  private Owner ownerOf(String key) {
    int colon = key.indexOf(':');
    return colon <= 0 ? null : owners.get(key.substring(0, colon));
  }
}
