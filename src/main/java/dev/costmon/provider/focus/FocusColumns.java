package dev.costmon.provider.focus;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the columns costmon reads sit in one FOCUS file's header. FOCUS 1.0 to 1.2 name the seller
 * {@code ProviderName}; 1.3 replaces it with {@code ServiceProviderName} (and adds
 * {@code HostProviderName}, which costmon does not need). Names match case-insensitively; every other
 * column, including custom {@code x_} columns, is ignored; {@code Tags} is read only for the keys
 * the account allows; costmon's own {@code x_ChargeDate}, when present, gives the day.
 */
final class FocusColumns {
  static final String BILLED_COST = FocusColumn.BILLED_COST;
  static final String BILLING_CURRENCY = FocusColumn.BILLING_CURRENCY;
  static final String CHARGE_PERIOD_START = FocusColumn.CHARGE_PERIOD_START;
  static final String SERVICE_NAME = FocusColumn.SERVICE_NAME;

  /** Without these a file cannot be imported. */
  static final List<String> MANDATORY = List.of(BILLED_COST, BILLING_CURRENCY, CHARGE_PERIOD_START, SERVICE_NAME);

  // Slots in the per-row value array; -1 in the index means the file lacks the column.
  static final int COST = 0;
  static final int CURRENCY = 1;
  static final int START = 2;
  static final int SERVICE = 3;
  static final int PROVIDER = 4;
  static final int CATEGORY = 5;
  static final int QUANTITY = 6;
  static final int UNIT = 7;
  static final int BILLING_ACCOUNT = 8;
  static final int SUB_ACCOUNT = 9;
  static final int TAGS = 10;
  static final int CHARGE_DATE = 11;
  static final int SLOTS = 12;

  /** The FOCUS version the header looks like, for messages only. */
  final String version;
  /** For each column of the file, the slot it fills, or -1. */
  final int[] slotOfColumn;
  private final boolean[] present = new boolean[SLOTS];

  private FocusColumns(String version, int[] slotOfColumn) {
    this.version = version;
    this.slotOfColumn = slotOfColumn;
    for (int slot : slotOfColumn) {
      if (slot >= 0) {
        present[slot] = true;
      }
    }
  }

  /**
   * Maps a header row.
   *
   * @throws FocusException naming the first mandatory column the header lacks
   */
  static FocusColumns of(List<String> header) {
    Map<String, Integer> slots = new HashMap<>();
    slots.put(key(BILLED_COST), COST);
    slots.put(key(BILLING_CURRENCY), CURRENCY);
    slots.put(key(CHARGE_PERIOD_START), START);
    slots.put(key(SERVICE_NAME), SERVICE);
    slots.put(key(FocusColumn.CHARGE_CATEGORY), CATEGORY);
    slots.put(key(FocusColumn.CONSUMED_QUANTITY), QUANTITY);
    slots.put(key(FocusColumn.CONSUMED_UNIT), UNIT);
    slots.put(key(FocusColumn.BILLING_ACCOUNT_ID), BILLING_ACCOUNT);
    slots.put(key(FocusColumn.SUB_ACCOUNT_ID), SUB_ACCOUNT);
    slots.put(key(FocusColumn.TAGS), TAGS);
    slots.put(key(FocusColumn.X_CHARGE_DATE), CHARGE_DATE);
    boolean v13 = header.stream().anyMatch(h -> key(h).equals(key(FocusColumn.SERVICE_PROVIDER_NAME)));
    // 1.3 deprecates ProviderName in favour of ServiceProviderName; a file may carry both.
    slots.put(key(v13 ? FocusColumn.SERVICE_PROVIDER_NAME : FocusColumn.PROVIDER_NAME), PROVIDER);
    int[] slotOfColumn = new int[header.size()];
    for (int i = 0; i < header.size(); i++) {
      Integer slot = slots.remove(key(header.get(i)));
      slotOfColumn[i] = slot == null ? -1 : slot;
    }
    FocusColumns columns = new FocusColumns(version(header, v13), slotOfColumn);
    for (String name : MANDATORY) {
      if (!columns.present[slotOf(name)]) {
        throw new FocusException("the header has no " + name + " column, which FOCUS requires"
            + " (columns found: " + summary(header) + ")");
      }
    }
    return columns;
  }

  boolean has(int slot) {
    return present[slot];
  }

  private static int slotOf(String mandatory) {
    return MANDATORY.indexOf(mandatory);
  }

  private static String version(List<String> header, boolean v13) {
    if (v13) {
      return "1.3";
    }
    boolean has12 = header.stream().anyMatch(h -> key(h).equals(key("PricingCurrency")) || key(h).equals(key("InvoiceId")));
    return has12 ? "1.2" : "1.0/1.1";
  }

  private static String summary(List<String> header) {
    if (header.size() <= 8) {
      return String.join(", ", header);
    }
    return String.join(", ", header.subList(0, 8)) + ", ... (" + header.size() + " in all)";
  }

  private static String key(String column) {
    return column.strip().toLowerCase(Locale.ROOT);
  }
}
