package dev.costmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every exit code costmon uses is documented in {@code --help} and in the README's table, and no other. */
class ExitCodesDocsTest {
  private static Set<Integer> codes() {
    return Arrays.stream(ExitCodes.class.getFields())
        .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == int.class)
        .map(ExitCodesDocsTest::value).collect(Collectors.toCollection(TreeSet::new));
  }

  private static int value(Field f) {
    try {
      return f.getInt(null);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void theHelpFooterListsEveryCode() {
    String help = new CliHarness(Path.of("target")).run("--help").out();
    String footer = help.substring(help.indexOf("Exit codes"), help.indexOf("check: 0 OK"));
    Set<Integer> listed = new TreeSet<>();
    Matcher m = Pattern.compile("(?m)(?:^|\\s)(\\d{1,2})  \\S").matcher(footer);
    while (m.find()) {
      listed.add(Integer.parseInt(m.group(1)));
    }
    assertThat(listed).isEqualTo(codes());
    assertThat(footer.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
  }

  @Test
  void theReadmeTableListsEveryCode() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    String table = readme.substring(readme.indexOf("| code | meaning |"));
    table = table.substring(0, table.indexOf("\n\n"));
    Set<Integer> listed = new TreeSet<>();
    Matcher m = Pattern.compile("(?m)^\\| (\\d+) \\|").matcher(table);
    while (m.find()) {
      listed.add(Integer.parseInt(m.group(1)));
    }
    assertThat(listed).isEqualTo(codes());
  }
}
