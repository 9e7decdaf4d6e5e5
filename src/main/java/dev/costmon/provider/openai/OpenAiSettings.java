package dev.costmon.provider.openai;

import dev.costmon.config.Secret;
import dev.costmon.provider.ProviderSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An OpenAI organization read through the Costs and Usage admin APIs.
 *
 * @param adminKey an organization Admin key ({@code sk-admin-...}), sent as a Bearer token
 * @param projectIds only these projects' costs and usage (optional; default the whole organization)
 * @param projects display names by project id, e.g. {@code proj_abc: web app}, used in breakdowns
 */
public record OpenAiSettings(Secret adminKey, List<String> projectIds, Map<String, String> projects)
    implements ProviderSettings {

  public OpenAiSettings {
    if (adminKey == null) {
      throw new IllegalArgumentException(
          "admin_key: is required, an organization Admin key, e.g. admin_key: ${OPENAI_ADMIN_KEY}");
    }
    projectIds = projectIds == null ? List.of() : List.copyOf(projectIds);
    for (String id : projectIds) {
      if (id.isBlank()) {
        throw new IllegalArgumentException("project_ids: must not contain an empty project id");
      }
    }
    Map<String, String> names = new LinkedHashMap<>();
    if (projects != null) {
      projects.forEach((id, name) -> {
        if (name == null || name.isBlank()) {
          throw new IllegalArgumentException("projects: project " + id + " needs a display name");
        }
        names.put(id, name.strip());
      });
    }
    projects = Map.copyOf(names);
  }

  /** The display name of a project, or its id when the config names none. */
  String projectLabel(String projectId) {
    return projects.getOrDefault(projectId, projectId);
  }
}
