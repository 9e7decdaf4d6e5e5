package dev.costmon.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.costmon.config.EffectiveConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code costmon config}: the effective configuration, secrets shown only as their references. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Inspect the configuration.",
    subcommands = ConfigCommand.Show.class)
public final class ConfigCommand implements Runnable {
  @ParentCommand CostmonCommand parent;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "say 'costmon config show'");
  }

  /** {@code costmon config show}. */
  @Command(name = "show", mixinStandardHelpOptions = true,
      description = {"Print the effective configuration, secrets shown only as references.",
          "Defaults are filled in and the file it came from is named; every secret is replaced by where it"
              + " comes from ($${ENV}, file:, credential:), never its value."},
      footerHeading = "%nExamples:%n", footer = {"  costmon config show", "  costmon config show --format json"})
  static final class Show implements Callable<Integer> {
    /** Output formats. */
    enum Format { yaml, json }

    @ParentCommand ConfigCommand config;

    @Option(names = "--format", defaultValue = "yaml", description = "yaml or json (default: ${DEFAULT-VALUE}).")
    Format format;

    private final CliContext context;

    Show(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() throws JsonProcessingException {
      Session session = Session.open(context, config.parent.global);
      EffectiveConfig effective = new EffectiveConfig();
      ObjectNode tree = effective.tree(session.config());
      if (format == Format.json) {
        session.out().println(effective.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(tree));
      } else {
        YAMLMapper yaml = YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).disable(SerializationFeature.INDENT_OUTPUT).build();
        session.out().println("# effective configuration from " + session.config().source()
            + "; secrets are shown as their references");
        session.out().print(yaml.writeValueAsString(tree));
      }
      return ExitCodes.OK;
    }
  }
}
