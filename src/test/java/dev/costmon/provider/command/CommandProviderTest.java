package dev.costmon.provider.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.costmon.config.Account;
import dev.costmon.config.ConfigException;
import dev.costmon.model.Aggregation;
import dev.costmon.model.Money;
import dev.costmon.model.Observation;
import dev.costmon.model.ObservationKind;
import dev.costmon.model.Provenance;
import dev.costmon.provider.CollectWindow;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import dev.costmon.provider.ProviderFixture;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandProviderTest {
  private static final String SECRET = "cmdSECRETvalue-0123456789abcdef";
  private static final Map<String, String> ENV = Map.of("MY_COSTS_TOKEN", SECRET);
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T07:00:00Z"), ZoneOffset.UTC);
  private static final CollectWindow WINDOW = CollectWindow.of(CLOCK.instant(), ZoneOffset.UTC, 3);

  @TempDir
  Path dir;

  private final CommandProvider provider = new CommandProvider();
  private final ProviderFixture fixture = new ProviderFixture();

  @AfterEach
  void close() {
    fixture.close();
  }

  private Path script(String name, String body) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file;
  }

  private List<Observation> collect(Path script, String extraYaml) throws ProviderException {
    Account account = fixture.account(provider, "    command: [" + script + ", --json]\n" + extraYaml, ENV);
    return fixture.collect(provider, account, WINDOW, CLOCK);
  }

  private ProviderException failure(Path script, String extraYaml) {
    return catchThrowableOfType(ProviderException.class, () -> collect(script, extraYaml));
  }

  @Test
  void jsonDocumentGivesDailySpendUsageAndForecast() throws Exception {
    Path s = script("costs.sh", """
        [ "$1" = "--json" ] || exit 9
        cat <<'JSON'
        {"spend": [{"day": "2026-11-22", "service": "hosting", "amount": "1.23", "currency": "EUR"},
                   {"day": "2026-11-23", "service": "hosting", "amount": 0.1234567890123456789, "currency": "EUR"},
                   {"day": "2026-11-23", "amount": "0", "currency": "EUR"}],
         "usage": [{"day": "2026-11-23", "metric": "requests", "value": 1000, "unit": "requests", "aggregation": "sum"},
                   {"day": "2026-11-23", "metric": "stored_bytes", "value": "5368709120", "unit": "bytes", "aggregation": "last"}],
         "forecast": {"amount": "40.50", "currency": "EUR"}}
        JSON""");

    List<Observation> result = collect(s, "");

    assertThat(result).containsExactly(
        Observation.spend(LocalDate.of(2026, 11, 22), "hosting", Money.of("1.23", "EUR"), Provenance.API),
        Observation.spend(LocalDate.of(2026, 11, 23), "hosting", Money.of("0.1234567890123456789", "EUR"),
            Provenance.API),
        Observation.spend(LocalDate.of(2026, 11, 23), "", Money.of("0", "EUR"), Provenance.API),
        Observation.usage(LocalDate.of(2026, 11, 23), "requests", "", new BigDecimal("1000"), "requests",
            Aggregation.SUM, Provenance.API),
        Observation.usage(LocalDate.of(2026, 11, 23), "stored_bytes", "", new BigDecimal("5368709120"), "bytes",
            Aggregation.LAST, Provenance.API),
        Observation.forecast(LocalDate.of(2026, 11, 1), Money.of("40.50", "EUR"), Provenance.API));
  }

  @Test
  void keyValueLinesGiveMonthToDateFigures() throws Exception {
    Path s = script("lines.sh", """
        echo '# my costs'
        echo 'spend 12.34 EUR'
        echo 'spend 0.66 EUR backup space'
        echo ''
        echo 'usage requests 1000'
        echo 'usage stored_bytes 2048 bytes last'""");

    List<Observation> result = collect(s, "");

    assertThat(result).contains(
        Observation.spend(LocalDate.of(2026, 11, 1), "month to date", Money.of("12.34", "EUR"), Provenance.API),
        Observation.spend(LocalDate.of(2026, 11, 1), "backup space", Money.of("0.66", "EUR"), Provenance.API),
        Observation.usage(LocalDate.of(2026, 11, 23), "requests", "", new BigDecimal("1000"), "count",
            Aggregation.LAST, Provenance.API),
        Observation.usage(LocalDate.of(2026, 11, 23), "stored_bytes", "", new BigDecimal("2048"), "bytes",
            Aggregation.LAST, Provenance.API));
    Observation forecast = result.stream().filter(o -> o.kind() == ObservationKind.FORECAST).findFirst().orElseThrow();
    // 13.00 over 22 days and 7 hours, extrapolated to 30 days.
    assertThat(forecast.provenance()).isEqualTo(Provenance.ESTIMATE);
    assertThat(forecast.value()).isCloseTo(new BigDecimal("17.4953"),
        org.assertj.core.data.Offset.offset(new BigDecimal("0.0001")));
  }

  @Test
  void nonZeroExitNamesTheCodeAndTheFirstStderrLineWithoutSecrets() throws Exception {
    Path s = script("fail.sh", """
        echo 'spend 1 EUR'
        echo "" >&2
        echo "login with token $MY_COSTS_TOKEN refused" >&2
        echo "second line" >&2
        exit 3""");

    ProviderException e = failure(s, "    secret_environment: {MY_COSTS_TOKEN: \"${MY_COSTS_TOKEN}\"}\n");

    assertThat(e.kind()).isEqualTo(Kind.OTHER);
    assertThat(e.getMessage()).isEqualTo("fail.sh exited with code 3: login with token *** refused");
  }

  @Test
  void timeoutKillsTheProgramAndItsChildren() throws Exception {
    Path marker = dir.resolve("still-running");
    Path s = script("slow.sh", "sleep 5\ntouch " + marker + "\necho 'spend 1 EUR'");

    long start = System.nanoTime();
    ProviderException e = failure(s, "    timeout: 1s\n");
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(e.getMessage()).isEqualTo("slow.sh timed out after 1 s");
    assertThat(millis).isLessThan(4000);
    Thread.sleep(5000);
    assertThat(marker).doesNotExist();
  }

  @Test
  void garbageOutputIsBadResponse() throws Exception {
    Path s = script("garbage.sh", "echo 'Total: 12 EUR'\necho \"$MY_COSTS_TOKEN\"");

    ProviderException e = failure(s, "    secret_environment: {MY_COSTS_TOKEN: \"${MY_COSTS_TOKEN}\"}\n");

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).startsWith("garbage.sh printed an unreadable line 1").endsWith(": Total: 12 EUR");
  }

  @Test
  void malformedJsonAndEmptyOutputAreBadResponses() throws Exception {
    ProviderException truncated = failure(script("trunc.sh", "echo '{\"spend\": [{\"day\": \"2026-11-2'"), "");
    ProviderException empty = failure(script("empty.sh", "true"), "");
    ProviderException unknown = failure(script("typo.sh", "echo '{\"spends\": []}'"), "");

    assertThat(truncated.getMessage()).startsWith("trunc.sh printed malformed JSON at line 1");
    assertThat(empty.getMessage()).isEqualTo("empty.sh printed nothing on standard output");
    assertThat(unknown.getMessage()).isEqualTo(
        "typo.sh printed an unknown key in the document: 'spends' (known: forecast, spend, usage)");
  }

  @Test
  void tooMuchOutputIsBadResponse() throws Exception {
    Path s = script("flood.sh", "yes 'usage requests 1'");

    ProviderException e = failure(s, "    timeout: 20s\n");

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).isEqualTo("flood.sh printed more than 1 MiB on standard output");
  }

  @Test
  void onlyTheExplicitVariablesArrive() throws Exception {
    Path dump = dir.resolve("env.txt");
    Path s = script("env.sh", "env > \"$DUMP\"\necho 'spend 1 EUR'");

    collect(s, "    environment: {DUMP: " + dump + ", REGION: eu}\n"
        + "    secret_environment: {MY_COSTS_TOKEN: \"${MY_COSTS_TOKEN}\"}\n    working_directory: " + dir + "\n");

    Map<String, String> seen = Files.readAllLines(dump).stream().filter(l -> l.contains("="))
        .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1),
            (a, b) -> a));
    Set<String> names = new TreeSet<>(seen.keySet());
    // What the shell itself sets is not from costmon.
    names.removeAll(Set.of("PWD", "SHLVL", "_", "OLDPWD"));
    assertThat(names).containsExactly("DUMP", "MY_COSTS_TOKEN", "PATH", "REGION");
    assertThat(seen.get("MY_COSTS_TOKEN")).isEqualTo(SECRET);
    assertThat(seen.get("PATH")).isEqualTo(System.getenv("PATH"));
    assertThat(seen.get("PWD")).isEqualTo(dir.toString());
  }

  @Test
  void missingProgramIsOneLine() {
    ProviderException e = catchThrowableOfType(ProviderException.class, () -> fixture.collect(provider,
        fixture.account(provider, "    command: [" + dir.resolve("nope") + "]\n", ENV), WINDOW, CLOCK));

    assertThat(e.getMessage()).startsWith("cannot run " + dir.resolve("nope") + ": error=2");
  }

  @Test
  void configIsChecked() {
    assertThatThrownBy(() -> fixture.account(provider, "    timeout: 60s\n", ENV))
        .isInstanceOf(ConfigException.class).hasMessageContaining("command: is required");
    assertThatThrownBy(() -> fixture.account(provider, "    command: [x]\n    timeout: soon\n", ENV))
        .isInstanceOf(ConfigException.class).hasMessageContaining("not a duration");
    assertThatThrownBy(() -> fixture.account(provider, "    command: [x]\n    secret_environment: {T: plain}\n", ENV))
        .isInstanceOf(ConfigException.class).hasMessageContaining("must be a reference");
    assertThatThrownBy(() -> fixture.account(provider, "    command: [x]\n    environment: {1X: a}\n", ENV))
        .isInstanceOf(ConfigException.class).hasMessageContaining("not a variable name");
  }

  @Test
  void noRawArchiveAndNoSecretAnywhere() throws Exception {
    Path s = script("ok.sh", "echo 'spend 2 EUR'\necho \"token $MY_COSTS_TOKEN\" >&2");

    collect(s, "    secret_environment: {MY_COSTS_TOKEN: \"${MY_COSTS_TOKEN}\"}\n");

    assertThat(fixture.archived).isEmpty();
    assertThat(fixture.everythingVisible()).doesNotContain(SECRET);
    assertThat(Arrays.asList(fixture.requests.toArray())).isEmpty();
  }
}
