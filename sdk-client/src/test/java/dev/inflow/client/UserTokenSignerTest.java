package dev.inflow.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inflow.core.Caller;
import dev.inflow.core.Role;
import dev.inflow.servlet.internal.auth.TokenVerifier;
import dev.inflow.servlet.internal.http.HttpProblem;
import dev.inflow.servlet.testing.TestTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Tokens from the client's signer, checked by the server's own verifier. */
class UserTokenSignerTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private final TokenVerifier server = new TokenVerifier(TestTokens.keys(), CLOCK);

  @Test
  void theServerAcceptsSignedTokensWithEveryClaim() {
    UserTokenSigner signer = UserTokenSigner.builder().tenant("default").secret(TestTokens.SECRET).clock(CLOCK).build();

    Caller caller = server.verify(signer.sign(TokenUser.of("ana", "Ana Lima").withRoles("moderator", "expert")
        .withExpertise("vpn", "java").withAvatarUrl("https://intranet.example.com/people/ana.png")));

    assertThat(caller.tenantId()).isEqualTo("default");
    assertThat(caller.user()).get().satisfies(user -> {
      assertThat(user.id()).isEqualTo("ana");
      assertThat(user.name()).isEqualTo("Ana Lima");
      assertThat(user.roles()).contains(Role.MODERATOR, Role.EXPERT);
      assertThat(user.expertise()).containsExactlyInAnyOrder("vpn", "java");
      assertThat(user.avatarUrl()).contains("https://intranet.example.com/people/ana.png");
    });
  }

  @Test
  void tokensNameTheTenantAndExpireFiveMinutesAfterTheyAreIssued() throws Exception {
    UserTokenSigner signer = UserTokenSigner.builder().tenant("acme").secret(TestTokens.OTHER_TENANT_SECRET).clock(CLOCK).build();
    String token = signer.sign("ben", "Ben");

    String[] parts = token.split("\\.");
    assertThat(parts).hasSize(3);
    ObjectMapper json = new ObjectMapper();
    JsonNode header = json.readTree(Base64.getUrlDecoder().decode(parts[0]));
    JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
    assertThat(header.path("alg").asText()).isEqualTo("HS256");
    assertThat(claims.path("aud").asText()).isEqualTo("acme");
    assertThat(claims.path("iat").asLong()).isEqualTo(NOW.getEpochSecond());
    assertThat(claims.path("exp").asLong()).isEqualTo(NOW.plusSeconds(300).getEpochSecond());
    assertThat(claims.has("roles")).isFalse();
    assertThat(server.verify(token).tenantId()).isEqualTo("acme");
  }

  @Test
  void tokensSignedForAnotherTenantOrExpiredAreRefusedByTheServer() {
    UserTokenSigner wrongSecret = UserTokenSigner.builder().tenant("default").secret(TestTokens.OTHER_TENANT_SECRET).clock(CLOCK).build();
    assertThatThrownBy(() -> server.verify(wrongSecret.sign("ana", "Ana"))).isInstanceOf(HttpProblem.class).hasMessageContaining("signature");

    UserTokenSigner oneMinute = UserTokenSigner.builder().secret(TestTokens.SECRET).lifetime(Duration.ofMinutes(1))
        .clock(Clock.fixed(NOW.minus(Duration.ofMinutes(2)), ZoneOffset.UTC)).build();
    assertThatThrownBy(() -> server.verify(oneMinute.sign("ana", "Ana"))).isInstanceOf(HttpProblem.class).hasMessageContaining("expired");
  }

  @Test
  void aShortSecretOrALongLifetimeIsRefusedWhenConfigured() {
    assertThatThrownBy(() -> UserTokenSigner.builder().secret("too-short"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 32 bytes").hasMessageContaining("got 9");
    assertThatThrownBy(() -> UserTokenSigner.builder().lifetime(Duration.ofMinutes(6)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5 minutes");
    assertThatThrownBy(() -> UserTokenSigner.builder().tenant("Not A Tenant"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tenant");
    assertThatThrownBy(() -> UserTokenSigner.builder().build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("secret is required");
    assertThat(UserTokenSigner.builder().secret(TestTokens.SECRET).build().toString()).doesNotContain(TestTokens.SECRET);
  }
}
