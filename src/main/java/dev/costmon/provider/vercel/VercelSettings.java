package dev.costmon.provider.vercel;

import dev.costmon.config.Secret;
import dev.costmon.provider.ProviderSettings;

/**
 * A Vercel team's billing charges.
 *
 * @param token an access token of a team member with the Billing role, scoped to the team
 * @param teamId the team the charges are asked for ({@code team_...}), sent as {@code teamId}
 * @param teamSlug the team's slug instead of its id, sent as {@code slug}
 * @param plan {@code hobby} (default) or {@code pro}; decides the default usage quotas
 */
public record VercelSettings(Secret token, String teamId, String teamSlug, VercelPlan plan)
    implements ProviderSettings {

  public VercelSettings {
    if (token == null) {
      throw new IllegalArgumentException("token: is required, e.g. token: ${VERCEL_TOKEN}");
    }
    teamId = blankToNull(teamId);
    teamSlug = blankToNull(teamSlug);
    if (teamId != null && teamSlug != null) {
      throw new IllegalArgumentException("team_id and team_slug name the same team: set one of them");
    }
    plan = plan == null ? VercelPlan.HOBBY : plan;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
