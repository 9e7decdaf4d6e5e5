package dev.costmon.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class SharedClientTest {
  @Test
  void buildsOneClientOnFirstUseAndStopsItsSelectorThreadOnClose() throws Exception {
    try (TestServer server = TestServer.start().replies(TestServer.Reply.of(200, "{}"))) {
      SharedClient shared = new SharedClient(HttpSettings.defaults());
      HttpClient client = shared.get();
      assertThat(shared.get()).isSameAs(client);
      HttpResponse<String> response =
          client.send(HttpRequest.newBuilder(server.uri("/")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      Thread selector = SharedClient.selectorThread(client).orElseThrow();
      assertThat(selector.isAlive()).isTrue();

      shared.close();

      selector.join(5_000);
      assertThat(selector.isAlive()).as("selector thread still running after close").isFalse();
      assertThat(shared.get()).as("a closed client is not handed out again").isNotSameAs(client);
      shared.close();
    }
  }

  @Test
  void closingAClientNeverBuiltDoesNothing() {
    new SharedClient(HttpSettings.defaults()).close();
  }
}
