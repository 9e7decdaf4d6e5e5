package dev.costmon.provider.ovh;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The signature against the published vectors of OVH's own client libraries. */
class SignatureTest {

  /**
   * ovh/python-ovh {@code tests/test_client.py} @1f59859, {@code test_call_signature}: time 1404395889
   * plus a delta of 42; the client upper-cases the method ("MeThOd") before signing.
   */
  @Test
  void matchesPythonOvhVectors() {
    String url = "https://eu.api.ovh.com/1.0/unit/test";
    assertThat(Signature.sign("fake application secret", "fake consumer key", "METHOD", url, "", 1404395931L))
        .isEqualTo("$1$16ae5ba8c63841b1951575be905867991d5f49dc");
    assertThat(Signature.sign("fake application secret", "fake consumer key", "METHOD", url,
        "{\"some\": \"random\", \"data\": 42}", 1404395931L))
        .isEqualTo("$1$9acb1ac0120006d16261a635aed788e83ab172d2");
  }

  /** ovh/go-ovh {@code ovh/ovh_test.go} @0c5d719, {@code TestAllAPIMethods} (revoked credentials). */
  @Test
  void matchesGoOvhVectors() {
    String as = "9ufkBmLaTQ9nz5yMUlg79taH0GNnzDjk";
    String ck = "5mBuy6SUQcRw2ZUxg0cG68BoDKpED4KY";
    String url = "https://api.eu.ovhcloud.com/1.0/auth";
    assertThat(Signature.sign(as, ck, "GET", url, "", 1457018875L))
        .isEqualTo("$1$52992e595b398f6aba591ee5925b379081614ced");
    assertThat(Signature.sign(as, ck, "POST", url, "{\"a\":\"b\",\"c\":\"d\"}", 1457018875L))
        .isEqualTo("$1$ea0e0d82447373a3ddf5947065f1d519ca0bcaf2");
  }
}
