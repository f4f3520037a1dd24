package dev.inflow.servlet.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inflow.core.testing.MutableClock;
import dev.inflow.servlet.TenantKeys;
import dev.inflow.servlet.internal.http.HttpProblem;
import dev.inflow.servlet.testing.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A token verified once is remembered, but never past its expiry or the secret that signed it:
 * what the attack tests refuse on first sight stays refused on every later sight.
 */
class TokenVerifierTest {
  private static final String NEXT_SECRET = "the-next-secret-after-rotation-long-enough-for-hs256";
  private final MutableClock clock = new MutableClock(Instant.now());
  private final AtomicReference<List<String>> secrets = new AtomicReference<>(List.of(TestTokens.SECRET));
  private final TenantKeys keys = tenant -> tenant.equals("default")
      ? secrets.get().stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList() : List.of();
  private final TokenVerifier verifier = new TokenVerifier(keys, clock);

  @Test
  void aRememberedTokenNamesTheSameCallerUntilItExpires() {
    String token = TestTokens.token("ana", "moderator");
    assertThat(verifier.verify(token).userId()).contains("ana");
    assertThat(verifier.verify(token)).isEqualTo(verifier.verify(token));

    clock.advance(Duration.ofMinutes(4).plus(TokenVerifier.CLOCK_SKEW).plusSeconds(1));
    assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(HttpProblem.class).hasMessageContaining("expired");
  }

  @Test
  void rotatingTheSigningSecretOutEndsItsRememberedTokensAtOnce() {
    String token = TestTokens.token("ana");
    verifier.verify(token);
    secrets.set(List.of(TestTokens.SECRET, NEXT_SECRET));
    assertThat(verifier.verify(token).userId()).as("both secrets valid during a rotation").contains("ana");

    secrets.set(List.of(NEXT_SECRET));
    assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(HttpProblem.class).hasMessageContaining("signature");
  }

  @Test
  void aTokenDifferingFromARememberedOneInAnyCharacterIsCheckedAfresh() {
    String token = TestTokens.token("ana");
    verifier.verify(token);
    String[] parts = token.split("\\.");
    char last = parts[2].charAt(parts[2].length() - 2);
    String tampered = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2) + (last == 'A' ? 'B' : 'A')
        + parts[2].charAt(parts[2].length() - 1);
    assertThatThrownBy(() -> verifier.verify(tampered)).isInstanceOf(HttpProblem.class);
  }
}
