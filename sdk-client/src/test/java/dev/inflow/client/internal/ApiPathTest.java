package dev.inflow.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ApiPathTest {
  @Test
  void targetKeyKeepsSlashesAndColonsAndEncodesTheRest() {
    assertThat(ApiPath.v1("targets").targetKey("kb/network/vpn-setup:eu").then("comments"))
        .hasToString("/api/v1/targets/kb/network/vpn-setup:eu/comments");
    assertThat(ApiPath.v1("targets").targetKey("order:47 11;x+y?#%").encoded())
        .isEqualTo("api/v1/targets/order:47%2011%3Bx%2By%3F%23%25");
    assertThat(ApiPath.v1("targets").targetKey("mail@host~1_a.b").encoded()).isEqualTo("api/v1/targets/mail@host~1_a.b");
  }

  @Test
  void emojiIsPercentEncodedAsUtf8() {
    assertThat(ApiPath.v1("comments").segment("commentId", "42").then("reactions").segment("emoji", "👍").encoded())
        .isEqualTo("api/v1/comments/42/reactions/%F0%9F%91%8D");
    assertThat(ApiPath.v1().segment("emoji", "❤️").encoded()).isEqualTo("api/v1/%E2%9D%A4%EF%B8%8F");
    assertThat(ApiPath.v1().segment("emoji", "+1").encoded()).isEqualTo("api/v1/%2B1");
  }

  @Test
  void aSlashInsideAnIdIsEncodedSoItCannotReachAnotherEndpoint() {
    assertThat(ApiPath.v1("comments").segment("commentId", "1/history").encoded()).isEqualTo("api/v1/comments/1%2Fhistory");
  }

  @Test
  void segmentsNoUrlCanCarryAreRefusedNamingTheParameter() {
    assertThatThrownBy(() -> ApiPath.v1("targets").targetKey("kb//vpn")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("targetKey");
    assertThatThrownBy(() -> ApiPath.v1("targets").targetKey("kb/../admin")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ApiPath.v1("targets").targetKey("/kb")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ApiPath.v1("targets").targetKey("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ApiPath.v1("comments").segment("commentId", ".")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("commentId");
  }
}
