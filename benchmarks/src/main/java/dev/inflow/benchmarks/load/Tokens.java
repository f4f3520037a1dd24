package dev.inflow.benchmarks.load;

import dev.inflow.benchmarks.SampleText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs user tokens the way a host's backend would (HS256 JWT, {@code aud} = tenant, {@code exp}
 * four minutes ahead, under the server's five-minute cap). Tokens are signed for many users so
 * that the per-user rate limits stay at their defaults and the load looks like many people, not
 * one robot; since tokens expire, callers sign a fresh set before every load step.
 *
 * <p>Thread-safe.
 */
public final class Tokens {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private final byte[] secret;
  private final int users;

  /**
   * @param secret the tenant secret the server was started with ({@code INFLOW_TOKEN_SECRET})
   * @param users how many distinct users to sign for: {@code u0} to {@code u<users-1>}
   */
  public Tokens(String secret, int users) {
    this(secret.getBytes(StandardCharsets.UTF_8), users);
  }

  private Tokens(byte[] secret, int users) {
    this.secret = secret;
    this.users = users;
  }

  /** @return a signer with the same secret for {@code u0} to {@code u<users-1>}, e.g. a scenario's larger user base */
  public Tokens withUsers(int users) {
    return new Tokens(secret, users);
  }

  /** @return how many users tokens are signed for */
  public int users() {
    return users;
  }

  /** @return a token for user {@code u<i % users>}, valid for four minutes from now */
  public String forUser(int i) {
    int n = Math.floorMod(i, users);
    long now = System.currentTimeMillis() / 1000;
    String header = B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String claims = "{\"sub\":\"u" + n + "\",\"name\":\"" + SampleText.name(n) + "\",\"aud\":\"default\",\"iat\":" + now
        + ",\"exp\":" + (now + 240) + "}";
    String signingInput = header + "." + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return signingInput + "." + B64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
    }
  }

  /** @return one fresh token per user */
  public List<String> all() {
    List<String> all = new ArrayList<>(users);
    for (int i = 0; i < users; i++) {
      all.add(forUser(i));
    }
    return all;
  }

  /** Writes one fresh token per user, one a line, for wrk's Lua scripts. */
  public Path writeFile(Path file) throws IOException {
    Files.write(file, all());
    return file;
  }
}
