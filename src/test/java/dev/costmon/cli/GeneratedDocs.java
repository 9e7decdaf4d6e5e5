package dev.costmon.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The man page and the shell completion, generated from the picocli command model at build time (the
 * exec-maven-plugin runs {@link #main} after the tests compile; packaging/build-deb.sh ships the
 * result), so that they list every command and option there is and cannot drift from the code.
 * Lives with the tests because it needs picocli's AutoComplete, which the jar does not carry.
 */
public final class GeneratedDocs {
  private GeneratedDocs() {}

  /** {@code GeneratedDocs OUTPUT_DIR VERSION}: writes man/costmon.1 and completion/{costmon.bash,_costmon}. */
  public static void main(String... args) throws IOException {
    Path out = Path.of(args[0]);
    String version = args.length > 1 ? args[1] : "";
    CommandLine root = CommandTree.root();
    write(out.resolve("man/costmon.1"), manPage(root, version));
    write(out.resolve("completion/costmon.bash"), AutoComplete.bash("costmon", root));
    write(out.resolve("completion/_costmon"), ZSH);
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  /**
   * zsh's completion for costmon: picocli's script is written for bash, and zsh runs it through its
   * bash completion emulation.
   */
  static final String ZSH = """
      #compdef costmon
      # Generated with costmon's bash completion (picocli), run by zsh's bash completion emulation.
      autoload -U +X bashcompinit && bashcompinit
      # bash's compopt has no zsh counterpart; the script only tunes the display with it.
      (( $+functions[compopt] )) || compopt() { return 0; }
      source /usr/share/bash-completion/completions/costmon
      _bash_complete -o default -F _complete_costmon "$@"
      """;

  /** costmon(1) in roff. */
  static String manPage(CommandLine root, String version) {
    StringBuilder m = new StringBuilder();
    CommandSpec spec = root.getCommandSpec();
    m.append(".TH COSTMON 1 \"\" \"costmon ").append(escape(version).strip()).append("\" \"User Commands\"\n");
    m.append(".SH NAME\ncostmon \\- nightly cost monitor for cloud, SaaS and AI API bills\n");
    m.append(".SH SYNOPSIS\n.B costmon\n[\\fIGLOBAL OPTIONS\\fR] \\fICOMMAND\\fR [\\fIOPTIONS\\fR]\n.br\n")
        .append(".B costmon \\-\\-version\n");
    m.append(".SH DESCRIPTION\n");
    paragraphs(m, spec.usageMessage().description());
    m.append(".PP\nEvery command prints its options and examples with\n.BR \"costmon \\fIcommand\\fP \\-\\-help\" .\n");
    m.append(".SH \"GLOBAL OPTIONS\"\nThese go before or after the command name.\n");
    for (OptionSpec option : spec.options()) {
      option(m, option);
    }
    m.append(".SH COMMANDS\n");
    root.getSubcommands().forEach((name, sub) -> command(m, sub, "costmon " + name));
    m.append(".SH \"EXIT STATUS\"\n");
    preformatted(m, spec.usageMessage().footer());
    m.append(STATIC_SECTIONS);
    return m.toString();
  }

  private static void command(StringBuilder m, CommandLine command, String path) {
    CommandSpec spec = command.getCommandSpec();
    if (!spec.name().equals(path.substring(path.lastIndexOf(' ') + 1))) {
      return; // an alias
    }
    m.append(".SS \"").append(escape(path)).append("\"\n");
    m.append(".B ").append(escape(path)).append('\n');
    StringBuilder synopsis = new StringBuilder();
    if (!options(spec).isEmpty()) {
      synopsis.append("[\\fIOPTIONS\\fR]");
    }
    for (PositionalParamSpec p : spec.positionalParameters()) {
      String label = "\\fI" + escape(plain(p.paramLabel())) + "\\fR" + (p.arity().max() > 1 ? "..." : "");
      synopsis.append(synopsis.length() > 0 ? " " : "").append(p.arity().min() == 0 ? "[" + label + "]" : label);
    }
    if (!command.getSubcommands().isEmpty()) {
      synopsis.append(synopsis.length() > 0 ? " " : "").append("\\fICOMMAND\\fR");
    }
    if (synopsis.length() > 0) {
      m.append(synopsis).append('\n');
    }
    paragraphs(m, spec.usageMessage().description());
    for (OptionSpec option : options(spec)) {
      option(m, option);
    }
    for (PositionalParamSpec p : spec.positionalParameters()) {
      m.append(".TP\n\\fI").append(escape(plain(p.paramLabel()))).append("\\fR\n")
          .append(escape(text(p.description()))).append('\n');
    }
    String[] footer = spec.usageMessage().footer();
    if (footer.length > 0) {
      m.append(".PP\n").append(escape(format(spec.usageMessage().footerHeading()).strip())).append('\n');
      preformatted(m, footer);
    }
    command.getSubcommands().forEach((name, sub) -> command(m, sub, path + " " + name));
  }

  /** A command's own options: the global ones are listed once, and every command takes --help. */
  static List<OptionSpec> options(CommandSpec spec) {
    List<OptionSpec> own = new ArrayList<>();
    for (OptionSpec o : spec.options()) {
      if (!o.inherited() && !o.usageHelp() && !o.versionHelp()) {
        own.add(o);
      }
    }
    return own;
  }

  private static void option(StringBuilder m, OptionSpec option) {
    m.append(".TP\n");
    List<String> names = new ArrayList<>();
    for (String name : option.names()) {
      names.add("\\fB" + escape(name) + "\\fR");
    }
    m.append(String.join(", ", names));
    if (option.arity().max() > 0) {
      m.append("=\\fI").append(escape(plain(option.paramLabel()))).append("\\fR");
    }
    m.append('\n').append(escape(text(option.description()))).append('\n');
  }

  private static void paragraphs(StringBuilder m, String[] lines) {
    for (String line : lines) {
      m.append(".PP\n").append(escape(format(line))).append('\n');
    }
  }

  private static void preformatted(StringBuilder m, String[] lines) {
    m.append(".PP\n.nf\n");
    for (String line : lines) {
      for (String l : format(line).split("\n", -1)) {
        m.append(escape(l)).append('\n');
      }
    }
    m.append(".fi\n");
  }

  private static String text(String[] description) {
    return format(String.join(" ", description)).replace('\n', ' ');
  }

  /** picocli's help texts are format strings: {@code %n} is a line break, {@code %%} a percent sign. */
  private static String format(String text) {
    return text.replace("%n", "\n").replace("%%", "%");
  }

  private static String plain(String label) {
    return label.replace("<", "").replace(">", "").toUpperCase(Locale.ROOT);
  }

  /** Text as roff reads it literally: backslashes, minus signs and control characters at a line start. */
  static String escape(String text) {
    String escaped = text.replace("\\", "\\e").replace("-", "\\-");
    StringBuilder out = new StringBuilder();
    for (String line : escaped.split("\n", -1)) {
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append(line.startsWith(".") || line.startsWith("'") ? "\\&" + line : line);
    }
    return out.toString();
  }

  private static final String STATIC_SECTIONS = """
      .SH FILES
      .TP
      .I /etc/costmon/config.yaml
      Configuration (also
      .BR \\-c ,
      .BR $COSTMON_CONFIG );
      .I /usr/share/doc/costmon/
      has the README and examples.
      .TP
      .I /etc/costmon/credentials.env
      Secrets for the systemd service, root only (mode 0600).
      .TP
      .I /var/lib/costmon/
      History database and state of the service.
      .TP
      .I /var/lib/prometheus/node\\-exporter/
      Debian's textfile collector directory for the
      .I .prom
      file.
      .SH ENVIRONMENT
      .TP
      .B COSTMON_CONFIG
      Configuration file when
      .B \\-c
      is not given.
      .TP
      .B COLUMNS
      Width the tables are laid out for; default: the terminal's, 80 in a pipe.
      .TP
      .BR NO_COLOR ", " TERM=dumb
      No colours.
      .TP
      .B STATE_DIRECTORY
      Set by systemd: the default database is history.db there.
      .TP
      .B COSTMON_JAVA_OPTS
      Extra JVM options for the launcher.
      .SH "SEE ALSO"
      .BR systemctl (1),
      .BR journalctl (1),
      .BR prometheus\\-node\\-exporter (1)
      .PP
      Logs of the service:
      .B journalctl \\-u costmon\\-collect
      """;
}
