package dev.inflow.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class TokensTest {
  private static final String SECRET = "a-secret-of-at-least-thirty-two-characters";

  @Test
  void tokensAreHs256JwtsForTheDefaultTenantThatExpireWithinFiveMinutes() throws Exception {
    String token = new Tokens(SECRET, 10).forUser(13);

    String[] parts = token.split("\\.");
    assertThat(parts).hasSize(3);
    String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    assertThat(claims).contains("\"sub\":\"u3\"", "\"aud\":\"default\"");
    long iat = Long.parseLong(claims.replaceAll(".*\"iat\":(\\d+).*", "$1"));
    long exp = Long.parseLong(claims.replaceAll(".*\"exp\":(\\d+).*", "$1"));
    assertThat(exp - iat).isPositive().isLessThanOrEqualTo(300);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected = Base64.getUrlEncoder().withoutPadding()
        .encodeToString(mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII)));
    assertThat(parts[2]).isEqualTo(expected);
  }

  @Test
  void allSignsOneTokenPerUser() {
    assertThat(new Tokens(SECRET, 25).all()).hasSize(25).doesNotHaveDuplicates();
  }
}
