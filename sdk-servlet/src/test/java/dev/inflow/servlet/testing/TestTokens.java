package dev.inflow.servlet.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.inflow.servlet.TenantKeys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Signs user tokens the way a host would. */
public final class TestTokens {
  public static final String SECRET = "test-secret-that-is-long-enough-for-hs256-0123456789";
  public static final String OTHER_TENANT_SECRET = "acme-secret-that-is-long-enough-for-hs256-9876543210";

  private TestTokens() {}

  /** @return keys for tenants {@code default} and {@code acme} */
  public static TenantKeys keys() {
    return TenantKeys.of(Map.of("default", SECRET, "acme", OTHER_TENANT_SECRET));
  }

  /** @return a valid token for the user in the default tenant, valid for 5 minutes */
  public static String token(String userId, String... roles) {
    return token(SECRET, b -> b.audience("default").subject(userId).claim("name", userId).claim("roles", List.of(roles)));
  }

  /** @return a token for the user in tenant acme */
  public static String acmeToken(String userId) {
    return token(OTHER_TENANT_SECRET, b -> b.audience("acme").subject(userId).claim("name", userId));
  }

  /** @return a token signed with the secret, with claims adjusted by the caller over sane defaults */
  public static String token(String secret, UnaryOperator<JWTClaimsSet.Builder> claims) {
    Instant now = Instant.now();
    JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(Duration.ofMinutes(4))));
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.apply(builder).build());
      jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
