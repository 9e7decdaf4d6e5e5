package dev.costmon.provider.focus;

/**
 * FOCUS column IDs as the specification spells them, shared by the import ({@link FocusReader}) and
 * costmon's FOCUS export, so a column is named once for both directions.
 */
public final class FocusColumn {
  public static final String BILLED_COST = "BilledCost";
  public static final String BILLING_ACCOUNT_ID = "BillingAccountId";
  public static final String BILLING_ACCOUNT_NAME = "BillingAccountName";
  public static final String BILLING_CURRENCY = "BillingCurrency";
  public static final String BILLING_PERIOD_END = "BillingPeriodEnd";
  public static final String BILLING_PERIOD_START = "BillingPeriodStart";
  public static final String CHARGE_CATEGORY = "ChargeCategory";
  public static final String CHARGE_CLASS = "ChargeClass";
  public static final String CHARGE_DESCRIPTION = "ChargeDescription";
  public static final String CHARGE_FREQUENCY = "ChargeFrequency";
  public static final String CHARGE_PERIOD_END = "ChargePeriodEnd";
  public static final String CHARGE_PERIOD_START = "ChargePeriodStart";
  public static final String CONSUMED_QUANTITY = "ConsumedQuantity";
  public static final String CONSUMED_UNIT = "ConsumedUnit";
  public static final String CONTRACTED_COST = "ContractedCost";
  public static final String EFFECTIVE_COST = "EffectiveCost";
  /** Since 1.3. */
  public static final String HOST_PROVIDER_NAME = "HostProviderName";
  public static final String INVOICE_ISSUER_NAME = "InvoiceIssuerName";
  public static final String LIST_COST = "ListCost";
  public static final String PRICING_QUANTITY = "PricingQuantity";
  public static final String PRICING_UNIT = "PricingUnit";
  /** Deprecated by 1.3 in favour of {@link #SERVICE_PROVIDER_NAME}, still mandatory there. */
  public static final String PROVIDER_NAME = "ProviderName";
  /** Deprecated by 1.3, still mandatory there. */
  public static final String PUBLISHER_NAME = "PublisherName";
  public static final String SERVICE_CATEGORY = "ServiceCategory";
  public static final String SERVICE_NAME = "ServiceName";
  /** Since 1.3. */
  public static final String SERVICE_PROVIDER_NAME = "ServiceProviderName";
  public static final String SUB_ACCOUNT_ID = "SubAccountId";
  public static final String TAGS = "Tags";

  /**
   * costmon's custom column: the charge's date in its provider's billing calendar (Vercel's Los Angeles
   * days, a fixed fee's config timezone). A day east of UTC starts on the previous UTC date, so the
   * import prefers this date to ChargePeriodStart's when a file carries it.
   */
  public static final String X_CHARGE_DATE = "x_ChargeDate";

  private FocusColumn() {}
}
