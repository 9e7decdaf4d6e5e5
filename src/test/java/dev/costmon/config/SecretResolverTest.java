package dev.costmon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretResolverTest {
  @TempDir Path dir;

  private SecretResolver resolver(Map<String, String> env) {
    return new SecretResolver(new Environment(env, dir, dir, false), dir);
  }

  @Test
  void environmentVariable() {
    Secret s = resolver(Map.of("TOKEN", "s3cr3t\n")).resolve("${TOKEN}");
    assertThat(s.reveal()).isEqualTo("s3cr3t");
    assertThat(s.toString()).isEqualTo("${TOKEN}").doesNotContain("s3cr3t");
  }

  @Test
  void fileRelativeToTheConfig() throws IOException {
    Files.writeString(dir.resolve("token.txt"), "from-file\n");
    assertThat(resolver(Map.of()).resolve("file:token.txt").reveal()).isEqualTo("from-file");
  }

  @Test
  void systemdCredential() throws IOException {
    Path creds = Files.createDirectories(dir.resolve("creds"));
    Files.writeString(creds.resolve("wasabi"), "cred-value");
    assertThat(resolver(Map.of("CREDENTIALS_DIRECTORY", creds.toString())).resolve("credential:wasabi").reveal())
        .isEqualTo("cred-value");
  }

  @Test
  void missingReferencesAreNamedNeverEmpty() {
    assertThatThrownBy(() -> resolver(Map.of("EMPTY", "")).resolve("${EMPTY}"))
        .hasMessage("environment variable EMPTY is not set");
    assertThatThrownBy(() -> resolver(Map.of()).resolve("file:nope.txt"))
        .hasMessage("cannot read file:nope.txt: no such file");
    assertThatThrownBy(() -> resolver(Map.of()).resolve("credential:x"))
        .hasMessage("credential:x needs $CREDENTIALS_DIRECTORY, which systemd sets for LoadCredential=");
  }

  @Test
  void aLiteralSecretIsRefusedWithoutEchoingIt() {
    assertThatThrownBy(() -> resolver(Map.of()).resolve("sk-live-1234"))
        .hasMessageNotContaining("sk-live-1234")
        .hasMessageContaining("a secret must be a reference");
  }
}
