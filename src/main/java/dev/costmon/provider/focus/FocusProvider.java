package dev.costmon.provider.focus;

import dev.costmon.config.Account;
import dev.costmon.model.Observation;
import dev.costmon.model.ObservationKind;
import dev.costmon.provider.Backfill;
import dev.costmon.provider.CollectWindow;
import dev.costmon.provider.ProviderContext;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderType;
import java.io.IOException;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code provider: focus}: at each collect, reads the FOCUS export files under {@code path:} that
 * were modified since the collect window began (older files cannot hold figures for the window;
 * {@code costmon import focus} backfills them) and turns them into one snapshot. Files that cover the
 * same day combine as {@code overlap:} says: the newest file wins per day (the store's own rule, so a
 * nightly month-to-date export works naturally), or parts of one export add up. Reading the same
 * files again gives the same figures, so collecting twice changes nothing.
 */
public final class FocusProvider implements ProviderType<FocusSettings> {

  @Override
  public String name() {
    return "focus";
  }

  @Override
  public Class<FocusSettings> settingsType() {
    return FocusSettings.class;
  }

  /** One metric per ConsumedUnit the account's usage_units: names, and no other. */
  @Override
  public Optional<Set<String>> usageMetrics(FocusSettings settings) {
    return Optional.of(settings.usageUnits().stream().map(FocusRules::metric).collect(Collectors.toSet()));
  }

  /** Whatever the exported files hold; reading them asks nothing. */
  @Override
  public Backfill backfill(FocusSettings settings) {
    return Backfill.anyPast(0);
  }

  /** Exports lag their calls: the account is only as fresh as the newest day the files hold. */
  @Override
  public boolean judgesFreshnessByData() {
    return true;
  }

  @Override
  public List<Observation> collect(Account account, FocusSettings settings, CollectWindow window,
      ProviderContext context) throws ProviderException {
    if (settings.path() == null) {
      context.log().accept("no path: configured; figures come from 'costmon import focus' only");
      return List.of();
    }
    List<FocusFiles.Found> found;
    try {
      found = FocusFiles.expand(settings.path());
    } catch (IOException e) {
      throw new ProviderException(ProviderException.Kind.OTHER,
          "cannot list " + settings.path() + ": " + e.getMessage(), e);
    }
    if (found.isEmpty()) {
      throw new ProviderException(ProviderException.Kind.CONDITION,
          "no export file matches " + settings.path() + " (is the export still delivered?)");
    }
    FileTime since = FileTime.from(window.from().atStartOfDay(window.zone()).toInstant());
    FocusReader reader = new FocusReader(settings.rules());
    FocusTotals sum = new FocusTotals();
    Map<DayKey, List<Observation>> newest = new LinkedHashMap<>();
    int read = 0;
    for (FocusFiles.Found f : found) {
      if (f.modified().compareTo(since) < 0) {
        continue;
      }
      FocusReader.Read r;
      try {
        r = reader.read(f.path());
      } catch (FocusException e) {
        throw new ProviderException(ProviderException.Kind.BAD_RESPONSE, f.path() + ": " + e.getMessage(), e);
      }
      read++;
      context.log().accept("read " + f.path() + " (FOCUS " + r.version() + ", " + r.totals().rows() + " rows, "
          + r.totals().counted() + " counted)");
      if (settings.sums()) {
        sum.addAll(r.totals());
      } else {
        Map<DayKey, List<Observation>> byDay = new LinkedHashMap<>();
        for (Observation o : r.totals().observations()) {
          byDay.computeIfAbsent(new DayKey(o.kind(), o.metric(), o.day()), k -> new ArrayList<>()).add(o);
        }
        newest.putAll(byDay);
      }
    }
    context.log().accept(read + " of " + found.size() + " files modified since " + window.from());
    if (settings.sums()) {
      return sum.observations();
    }
    List<Observation> out = new ArrayList<>();
    newest.values().forEach(out::addAll);
    return out;
  }

  /** What one snapshot replaces in the store: an account's figures of one kind and metric on one day. */
  private record DayKey(ObservationKind kind, String metric, LocalDate day) {}
}
