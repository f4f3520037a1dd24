package dev.inflow.core.webhook.internal;

import dev.inflow.core.InvalidInputException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keeps webhook deliveries away from the network Inflow runs in (server-side request forgery): a
 * receiver's host must resolve only to public addresses, unless the tenant allow-listed the host
 * name or the address range. Every address a name resolves to is checked, because the connection
 * may use any of them. The check runs at registration and again right before every delivery; the
 * JVM caches the lookup (30 seconds by default), so the connection uses the addresses just checked
 * and a name re-pointed to a private address meanwhile (DNS rebinding) is refused at its next
 * delivery.
 */
final class AddressGuard {
  static final int MAX_ENTRIES = 50;
  private static final Pattern HOST_NAME = Pattern.compile("(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?)*");
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  /** An address range, {@code 10.0.0.0/8}. */
  record Range(byte[] network, int bits) {
    boolean contains(InetAddress address) {
      byte[] a = address.getAddress();
      if (a.length != network.length) {
        return false;
      }
      int full = bits / 8;
      for (int i = 0; i < full; i++) {
        if (a[i] != network[i]) {
          return false;
        }
      }
      int rest = bits % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xFF << (8 - rest)) & 0xFF;
      return (a[full] & mask) == (network[full] & mask);
    }
  }

  /** A tenant's allow-list: host names and ranges. */
  record AllowList(Set<String> hosts, List<Range> ranges) {
    static final AllowList EMPTY = new AllowList(Set.of(), List.of());

    boolean allows(String host, InetAddress address) {
      return hosts.contains(host.toLowerCase(Locale.ROOT)) || ranges.stream().anyMatch(r -> r.contains(address));
    }
  }

  /** A receiver the guard refuses; the message says why and how to allow it. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  private AddressGuard() {}

  /**
   * @return the entries cleaned (lower case, ranges in canonical form), in order, without repeats
   * @throws InvalidInputException naming {@code entries} for anything that is neither a host name
   *     nor an address or range
   */
  static List<String> normalise(List<String> entries) {
    if (entries.size() > MAX_ENTRIES) {
      throw new InvalidInputException("entries", "at most " + MAX_ENTRIES + " entries (got " + entries.size() + ")");
    }
    Set<String> cleaned = new LinkedHashSet<>();
    for (String raw : entries) {
      String entry = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
      if (isAddressOrRange(entry)) {
        Range range = range(entry);
        cleaned.add(literal(range.network()) + "/" + range.bits());
      } else if (HOST_NAME.matcher(entry).matches() && !IPV4.matcher(entry).matches()) {
        cleaned.add(entry);
      } else {
        throw new InvalidInputException("entries", "an entry is a host name (hooks.intranet.example) or an address or range such as"
            + " 10.20.0.0/16 or fd00::/8 (got '" + (entry.length() > 60 ? entry.substring(0, 60) + "…" : entry) + "')");
      }
    }
    return List.copyOf(cleaned);
  }

  /** @param entries as stored (normalised) */
  static AllowList allowList(List<String> entries) {
    Set<String> hosts = new LinkedHashSet<>();
    List<Range> ranges = new ArrayList<>();
    for (String entry : entries) {
      if (isAddressOrRange(entry)) {
        ranges.add(range(entry));
      } else {
        hosts.add(entry);
      }
    }
    return new AllowList(Set.copyOf(hosts), List.copyOf(ranges));
  }

  /**
   * Resolves the host and checks every address.
   *
   * @throws UnknownHostException when the name does not resolve (now)
   * @throws Refused when an address is not public and not allow-listed
   */
  static List<InetAddress> check(String host, AllowList allowList) throws UnknownHostException, Refused {
    InetAddress[] addresses = InetAddress.getAllByName(host);
    for (InetAddress address : addresses) {
      if (isInternal(address) && !allowList.allows(host, address)) {
        throw new Refused(host + " resolves to " + address.getHostAddress() + ", " + describe(address)
            + "; webhooks may only reach it when the tenant allow-lists the host or its range");
      }
    }
    return List.of(addresses);
  }

  /** @return whether the address belongs to this machine, its link or a private network rather than the internet */
  static boolean isInternal(InetAddress a) {
    if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isMulticastAddress()) {
      return true;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      int first = b[0] & 0xFF;
      int second = b[1] & 0xFF;
      return first == 0                                   // "this network"
          || (first == 100 && second >= 64 && second < 128) // carrier-grade NAT, shared address space
          || (first == 192 && second == 0 && (b[2] & 0xFF) == 0) // IETF protocol assignments
          || (first == 198 && (second == 18 || second == 19))  // benchmarking
          || first >= 240;                                // reserved and broadcast
    }
    if (a instanceof Inet6Address) {
      int first = b[0] & 0xFF;
      boolean uniqueLocal = (first & 0xFE) == 0xFC;        // fc00::/7
      boolean siteLocal = first == 0xFE && (b[1] & 0xC0) == 0xC0; // fec0::/10, deprecated
      boolean nat64 = first == 0x00 && (b[1] & 0xFF) == 0x64 && (b[2] & 0xFF) == 0xFF && (b[3] & 0xFF) == 0x9B; // 64:ff9b::/96
      return uniqueLocal || siteLocal || nat64;
    }
    return false;
  }

  private static String describe(InetAddress a) {
    if (a.isLoopbackAddress()) {
      return "a loopback address";
    }
    if (a.isLinkLocalAddress()) {
      return "a link-local address";
    }
    if (a.isAnyLocalAddress()) {
      return "the any-local address";
    }
    return "a private or reserved address";
  }

  private static boolean isAddressOrRange(String entry) {
    String address = entry.contains("/") ? entry.substring(0, entry.indexOf('/')) : entry;
    return IPV4.matcher(address).matches() || (address.contains(":") && address.matches("[0-9a-f:.]+"));
  }

  private static Range range(String entry) {
    int slash = entry.indexOf('/');
    String address = slash < 0 ? entry : entry.substring(0, slash);
    byte[] network;
    try {
      // Only literals reach here, which InetAddress parses without a lookup.
      network = InetAddress.getByName(address).getAddress();
    } catch (UnknownHostException e) {
      throw new InvalidInputException("entries", "'" + address + "' is not a valid address");
    }
    int bits = network.length * 8;
    if (slash >= 0) {
      try {
        bits = Integer.parseInt(entry.substring(slash + 1));
      } catch (NumberFormatException e) {
        bits = -1;
      }
      if (bits < 0 || bits > network.length * 8) {
        throw new InvalidInputException("entries", "the prefix length of '" + entry + "' is 0 to " + network.length * 8);
      }
    }
    byte[] masked = network.clone();
    for (int i = 0; i < masked.length; i++) {
      int keep = Math.max(0, Math.min(8, bits - i * 8));
      masked[i] = (byte) (masked[i] & ((0xFF << (8 - keep)) & 0xFF));
    }
    return new Range(masked, bits);
  }

  private static String literal(byte[] address) {
    try {
      return InetAddress.getByAddress(address).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException("an address of 4 or 16 bytes is always valid", e);
    }
  }
}
