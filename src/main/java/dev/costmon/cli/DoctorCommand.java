package dev.costmon.cli;

import dev.costmon.doctor.Doctor;
import dev.costmon.doctor.DoctorResult;
import dev.costmon.doctor.Finding;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code costmon doctor}: checks the installation, one line per check. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = {"Check the installation, one line per check with OK, WARN or FAIL.",
        "The config parses, every secret reference resolves, config and secret files are not readable by"
            + " others (with the chmod that fixes it), the database opens with a current schema, the textfile"
            + " directory exists and is writable, and each account's provider answers one cheap read-only"
            + " request (not with --offline)."},
    footerHeading = "%nExamples:%n",
    footer = {"  costmon doctor                     # after installing or editing the config",
        "  sudo -u costmon costmon doctor -c /etc/costmon/config.yaml",
        "  costmon doctor --offline           # no network requests",
        "",
        "Exit codes:",
        "  0  no line is FAIL (WARN lines are advice, such as a mode to tighten)",
        "  1  the config loads, but at least one line is FAIL",
        "  2  the config cannot be used (not found, malformed, a notify channel's",
        "     secret that does not resolve): the checks after it were not run",
        " 64  command-line usage error"})
public final class DoctorCommand implements Callable<Integer> {
  @ParentCommand CostmonCommand parent;

  @Option(names = "--offline", description = "Make no network requests: skip the provider checks.")
  boolean offline;

  private final CliContext context;

  public DoctorCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    GlobalOptions global = parent.global;
    // The JVM's own user, not $USER: file access is decided by who the process really is.
    try (Doctor doctor = new Doctor(context.environment(), context.clock(), context.providers(),
        System.getProperty("user.name"), line -> {
          if (global.verbose()) {
            context.err().println(line);
            context.err().flush();
          }
        })) {
      DoctorResult result = doctor.run(global.config(), offline, finding -> {
        if (!global.quiet() || finding.level() != Finding.Level.OK) {
          context.out().println(finding.line());
          context.out().flush();
        }
      });
      return result.exitCode();
    }
  }
}
