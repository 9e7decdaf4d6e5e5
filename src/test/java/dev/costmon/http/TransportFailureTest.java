package dev.costmon.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** Failures the JDK's client reports as exception chains, said in words, without class names. */
class TransportFailureTest {
  private static String describe(IOException e) {
    return TransportFailure.describe(e, Redactor.of(List.of()));
  }

  /** As the JDK's HttpClient throws them: a ConnectException without message around the channel's own. */
  private static ConnectException wrapped(Throwable cause) {
    ConnectException inner = new ConnectException();
    inner.initCause(cause);
    ConnectException outer = new ConnectException();
    outer.initCause(inner);
    return outer;
  }

  @Test
  void saysWhatHappenedNeverWhichClass() {
    assertThat(describe(wrapped(new ClosedChannelException()))).isEqualTo("connection refused");
    assertThat(describe(wrapped(new UnresolvedAddressException()))).isEqualTo("host name not found (DNS)");
    assertThat(describe(new SSLHandshakeException("PKIX path building failed: unable to find valid certification"
        + " path to requested target"))).isEqualTo("TLS handshake failed: the server's certificate is not trusted");
    assertThat(describe(new IOException("Connection reset"))).isEqualTo("connection reset by the server");
    assertThat(describe(new IOException())).isEqualTo("the connection failed");
  }
}
