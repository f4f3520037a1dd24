package dev.inflow.core.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inflow.core.ConflictException;
import dev.inflow.core.Inflow;
import dev.inflow.core.InvalidInputException;
import dev.inflow.core.NotFoundException;
import dev.inflow.core.testing.MutableClock;
import dev.inflow.core.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TenantsTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T08:00:00Z"));
  private Inflow inflow;
  private Tenants tenants;

  @BeforeEach
  void start() {
    inflow = TestDatabase.inflow().clock(clock).runBackgroundJobs(false).build();
    tenants = inflow.tenants();
  }

  @AfterEach
  void stop() {
    inflow.close();
  }

  @Test
  void aNewTenantGetsASecretShownOnceAndItsOrigins() {
    IssuedSecret issued = tenants.create("acme", "Acme Corp", List.of("https://Portal.Acme.example/", "http://localhost:8080"));

    assertThat(issued.secret()).hasSizeGreaterThanOrEqualTo(43);
    assertThat(issued.toString()).doesNotContain(issued.secret());
    assertThat(tenants.activeSecrets("acme")).containsExactly(issued.secret());
    Tenant acme = tenants.find("acme").orElseThrow();
    assertThat(acme.name()).isEqualTo("Acme Corp");
    assertThat(acme.allowedOrigins()).containsExactly("http://localhost:8080", "https://portal.acme.example");
    assertThat(acme.secrets()).singleElement().satisfies(s -> {
      assertThat(s.keyId()).isEqualTo(issued.keyId());
      assertThat(s.expiresAt()).isEmpty();
    });
    assertThat(tenants.isOriginAllowed("acme", "https://portal.acme.example")).isTrue();
    assertThat(tenants.isOriginAllowed("default", "https://portal.acme.example")).isFalse();
    assertThat(tenants.isOriginAllowedForAnyTenant("https://PORTAL.acme.example")).isTrue();
    assertThat(tenants.list()).extracting(Tenant::id).containsExactly("acme", "default");
  }

  @Test
  void aRotatedSecretKeepsWorkingForTheOverlapAndThenStops() {
    IssuedSecret first = tenants.create("acme", null, List.of());
    clock.advance(Duration.ofDays(3));

    IssuedSecret second = tenants.rotateSecret("acme", Duration.ofHours(24));

    assertThat(second.previousValidUntil()).contains(clock.instant().plus(Duration.ofHours(24)));
    assertThat(tenants.activeSecrets("acme")).containsExactly(second.secret(), first.secret());
    clock.advance(Duration.ofHours(23));
    assertThat(tenants.activeSecrets("acme")).contains(first.secret());
    clock.advance(Duration.ofHours(2));
    assertThat(tenants.activeSecrets("acme")).containsExactly(second.secret());
    assertThat(tenants.find("acme").orElseThrow().secrets()).extracting(SecretInfo::keyId).containsExactly(second.keyId());
  }

  @Test
  void aSecondRotationDoesNotExtendTheFirstSecret() {
    IssuedSecret first = tenants.create("acme", null, List.of());
    tenants.rotateSecret("acme", Duration.ofHours(1));
    IssuedSecret third = tenants.rotateSecret("acme", Duration.ofDays(7));
    clock.advance(Duration.ofHours(2));

    assertThat(tenants.activeSecrets("acme")).hasSize(2).doesNotContain(first.secret()).contains(third.secret());
  }

  @Test
  void aRotationWithoutOverlapStopsTheOldSecretAtOnce() {
    IssuedSecret first = tenants.create("acme", null, List.of());
    IssuedSecret second = tenants.rotateSecret("acme", Duration.ZERO);

    assertThat(tenants.activeSecrets("acme")).containsExactly(second.secret()).doesNotContain(first.secret());
  }

  @Test
  void aChangeMadeByAnotherNodeIsSeenWithinSeconds() throws Exception {
    try (Inflow other = Inflow.builder().dataSource(inflow.platform().db().dataSource()).runBackgroundJobs(false).build()) {
      assertThat(other.tenants().activeSecrets("acme")).isEmpty();
      IssuedSecret issued = tenants.create("acme", null, List.of("https://a.example.com"));

      long deadline = System.nanoTime() + Duration.ofSeconds(Tenants.PROPAGATION_SECONDS + 5).toNanos();
      while (other.tenants().activeSecrets("acme").isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertThat(other.tenants().activeSecrets("acme")).containsExactly(issued.secret());
    }
  }

  @Test
  void originsAreReplacedAndChecked() {
    tenants.create("acme", null, List.of("https://a.example.com"));

    Tenant acme = tenants.setAllowedOrigins("acme", List.of("https://b.example.com", "https://c.example.com:8443"));

    assertThat(acme.allowedOrigins()).containsExactly("https://b.example.com", "https://c.example.com:8443");
    assertThat(tenants.isOriginAllowed("acme", "https://a.example.com")).isFalse();
    assertThatThrownBy(() -> tenants.setAllowedOrigins("acme", List.of("https://ok.example.com", "https://x.example.com/path")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("origins[1]");
    assertThatThrownBy(() -> tenants.setAllowedOrigins("acme", List.of("*")))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void badInputAndUnknownTenantsAreRefusedNamingTheProblem() {
    tenants.create("acme", null, List.of());

    assertThatThrownBy(() -> tenants.create("acme", null, List.of())).isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> tenants.create("Acme Corp", null, List.of())).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("tenant");
    assertThatThrownBy(() -> tenants.rotateSecret("nobody", Duration.ofHours(1))).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> tenants.rotateSecret("acme", Duration.ofDays(31))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("overlap");
    assertThat(Tenants.parseDuration("overlap", "24h")).isEqualTo(Duration.ofHours(24));
    assertThat(Tenants.parseDuration("overlap", "PT30M")).isEqualTo(Duration.ofMinutes(30));
    assertThat(Tenants.parseDuration("overlap", "0")).isEqualTo(Duration.ZERO);
    assertThatThrownBy(() -> Tenants.parseDuration("overlap", "a day")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("overlap");
  }
}
