package dev.costmon.provider.supabase;

import dev.costmon.config.Secret;
import dev.costmon.model.Money;
import dev.costmon.provider.ProviderSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code provider: supabase}: one organisation through the Management API.
 *
 * @param token a personal access token (scoped: read only, see the README), sent as Bearer
 * @param organization the organisation slug, as in the dashboard URL
 * @param projects project refs to collect; empty means every project of the organisation
 * @param plan the plan the config expects ({@code free}, {@code pro}, {@code team},
 *     {@code enterprise}): the default quotas need it before any call is made, and a collect fails
 *     with a named condition when the organisation's plan has changed since
 * @param planFee overrides the plan's monthly fee from the catalog (needed for enterprise)
 * @param databaseSize whether to run {@code select pg_database_size(...)}, which needs the
 *     {@code database_read} permission; false keeps the token away from table data
 */
public record SupabaseSettings(
    Secret token,
    String organization,
    List<String> projects,
    String plan,
    Money planFee,
    Boolean databaseSize) implements ProviderSettings {

  /** Project refs are 20 lower-case letters; digits are allowed here so metric names stay valid. */
  private static final Pattern REF = Pattern.compile("[a-z0-9]+");

  public SupabaseSettings {
    if (token == null) {
      throw new IllegalArgumentException("token: is required, e.g. token: ${SUPABASE_TOKEN}");
    }
    if (organization == null || organization.isBlank()) {
      throw new IllegalArgumentException("organization: is required, the slug in the dashboard URL");
    }
    organization = organization.trim();
    List<String> refs = new ArrayList<>();
    for (String ref : projects == null ? List.<String>of() : projects) {
      if (ref == null || !REF.matcher(ref).matches()) {
        throw new IllegalArgumentException(
            "projects: '" + ref + "' is not a project ref (lower-case letters, e.g. abcdefghijklmnopqrst)");
      }
      if (!refs.contains(ref)) {
        refs.add(ref);
      }
    }
    projects = List.copyOf(refs);
    if (plan != null) {
      plan = plan.trim().toLowerCase(Locale.ROOT);
      if (Plan.fromApi(plan).isEmpty()) {
        throw new IllegalArgumentException("plan must be free, pro, team or enterprise, not '" + plan + "'");
      }
    }
    if (planFee != null && planFee.isNegative()) {
      throw new IllegalArgumentException("plan_fee must not be negative");
    }
    databaseSize = databaseSize == null ? Boolean.TRUE : databaseSize;
  }
}
