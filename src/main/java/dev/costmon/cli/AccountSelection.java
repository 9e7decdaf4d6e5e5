package dev.costmon.cli;

import dev.costmon.config.Account;
import dev.costmon.config.CostmonConfig;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Resolves {@code --account ID} options against the config; an unknown id is a usage error. */
record AccountSelection(CommandSpec spec, CostmonConfig config) {

  /** The named accounts, or every account when none is named. */
  List<Account> select(List<String> ids) {
    if (ids.isEmpty()) {
      return config.accounts();
    }
    List<Account> list = new ArrayList<>();
    for (String id : ids) {
      list.add(config.account(id).orElseThrow(() -> new ParameterException(spec.commandLine(),
          "unknown account '" + id + "' (configured: "
              + String.join(", ", config.accounts().stream().map(Account::id).toList()) + ")")));
    }
    return list;
  }
}
