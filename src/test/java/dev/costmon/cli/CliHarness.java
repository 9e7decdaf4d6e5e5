package dev.costmon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.costmon.config.Environment;
import dev.costmon.provider.ProviderRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** Runs the real command line in a temporary directory with a fixed clock and a controlled environment. */
final class CliHarness {
  final Path dir;
  final Map<String, String> env = new HashMap<>();
  Clock clock = Clock.fixed(Instant.parse("2026-11-23T07:00:00Z"), ZoneOffset.UTC);
  boolean terminal;
  /** The terminal's width as the terminal itself reports it; 0 for unknown. */
  int terminalColumns;
  /** How the user started costmon, as hints print it. */
  String command = "costmon";

  CliHarness(Path dir) {
    this.dir = dir;
    env.put("HOME", dir.resolve("home").toString());
  }

  /** Every file under the directory as text, one after another: what a secret must not be found in. */
  String filesText() throws IOException {
    StringBuilder text = new StringBuilder();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        text.append('\n').append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
      }
    }
    return text.toString();
  }

  /** The outcome of one invocation. */
  record Result(int exitCode, String out, String err) {
    /** Spend per group key of a {@code report --by ... --format json}, amounts as printed. */
    Map<String, String> spendByGroup() {
      Map<String, String> groups = new LinkedHashMap<>();
      try {
        for (JsonNode group : new ObjectMapper().readTree(out).get("groups")) {
          groups.put(group.get("key").asText(), group.get("spend").get("amount").asText());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return groups;
    }
  }

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context = new CliContext(new PrintWriter(out, true), new PrintWriter(err, true),
        new Environment(env, dir, dir.resolve("home"), terminal, () -> terminalColumns), clock, ProviderRegistry.builtIn(), command);
    int code = Cli.run(context, args);
    return new Result(code, out.toString(), err.toString());
  }

  /** Runs and requires exit code 0, naming the command and its stderr when it is not. */
  Result ok(String... args) {
    Result result = run(args);
    if (result.exitCode() != 0) {
      throw new AssertionError(String.join(" ", args) + " exited " + result.exitCode() + ": " + result.err());
    }
    return result;
  }

  /**
   * Writes {@code costmon.yaml} in USD with {@code history.db} and the textfile {@code
   * prom/costmon.prom}, then {@code accounts} (YAML list items, indented two spaces).
   */
  void config(String accounts) {
    write("prom/.keep", "");
    write("costmon.yaml", "currency: USD\ndatabase: history.db\ntextfile: prom/costmon.prom\naccounts:\n" + accounts);
  }

  Path write(String name, String content) {
    try {
      Path file = dir.resolve(name);
      Files.createDirectories(file.getParent());
      return Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void at(String instant) {
    clock = Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
  }
}
