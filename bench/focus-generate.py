#!/usr/bin/env python3
"""Writes a synthetic FOCUS 1.3 cost-and-usage CSV (the 65 columns of the 1.3 dataset) to stdout.

Usage: focus-generate.py ROWS [SEED]. Deterministic for a seed. One billing month (2026-11),
hourly and daily charges of 3 providers, 40 services, 2,000 resources, tags as JSON, many
NULLs as in real exports: a stand-in for an AWS/Azure/GCP export, not real data.
"""
import csv
import random
import sys

COLUMNS = """AvailabilityZone BilledCost BillingAccountId BillingAccountName BillingAccountType BillingCurrency
BillingPeriodEnd BillingPeriodStart CapacityReservationId CapacityReservationStatus ChargeCategory ChargeClass
ChargeDescription ChargeFrequency ChargePeriodEnd ChargePeriodStart CommitmentDiscountCategory CommitmentDiscountId
CommitmentDiscountName CommitmentDiscountQuantity CommitmentDiscountStatus CommitmentDiscountType
CommitmentDiscountUnit ConsumedQuantity ConsumedUnit ContractApplied ContractedCost ContractedUnitPrice EffectiveCost
HostProviderName InvoiceId InvoiceIssuerName ListCost ListUnitPrice PricingCategory PricingCurrency
PricingCurrencyContractedUnitPrice PricingCurrencyEffectiveCost PricingCurrencyListUnitPrice PricingQuantity
PricingUnit PublisherName RegionId RegionName ResourceId ResourceName ResourceType ServiceCategory ServiceName
ServiceProviderName ServiceSubcategory SkuId SkuMeter SkuPriceDetails SkuPriceId SubAccountId SubAccountName
SubAccountType Tags AllocatedMethodId AllocatedMethodDetails AllocatedResourceId AllocatedResourceName AllocatedTags
x_Discounts""".split()

PROVIDERS = {
    "AWS": ("USD", ["Amazon EC2", "Amazon S3", "Amazon RDS", "AWS Lambda", "Amazon CloudFront", "Amazon DynamoDB",
                    "Amazon EKS", "Amazon ECR", "AWS Key Management Service", "Amazon CloudWatch", "Amazon Route 53",
                    "Amazon SQS", "Amazon SNS", "AWS Glue", "Amazon Athena", "Amazon Bedrock"]),
    "Microsoft": ("EUR", ["Virtual Machines", "Storage", "Azure Cosmos DB", "Azure Functions", "Bandwidth",
                          "Azure Monitor", "Azure Kubernetes Service", "Azure SQL Database", "Key Vault",
                          "Azure OpenAI", "Container Registry", "Log Analytics"]),
    "Google Cloud": ("USD", ["Compute Engine", "Cloud Storage", "BigQuery", "Cloud Run", "Vertex AI",
                             "Cloud SQL", "Networking", "Cloud Logging", "Kubernetes Engine", "Cloud Pub/Sub",
                             "Cloud Functions", "Artifact Registry"]),
}
UNITS = ["Hours", "GB-Mo", "Requests", "GB", "1K Requests", "vCPU-Hours", "Tokens"]
CATEGORIES = ["Usage"] * 90 + ["Purchase"] * 4 + ["Tax"] * 3 + ["Credit"] * 2 + ["Adjustment"]
REGIONS = [("us-east-1", "US East (N. Virginia)"), ("eu-central-1", "Europe (Frankfurt)"),
           ("westeurope", "West Europe"), ("europe-west3", "Frankfurt")]


def main():
    rows = int(sys.argv[1])
    rnd = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 42)
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(COLUMNS)
    resources = []
    for i in range(2000):
        provider = rnd.choice(list(PROVIDERS))
        currency, services = PROVIDERS[provider]
        service = rnd.choice(services)
        region = rnd.choice(REGIONS)
        team = rnd.choice(["web", "data", "platform", "ml"])
        resources.append((provider, currency, service, region,
                          f"arn:aws:{service.lower().replace(' ', '-')}:{region[0]}:123456789012:resource/r-{i:06d}",
                          f"resource-{i}", team, f"{rnd.randrange(10**11, 10**12)}", rnd.choice(UNITS)))
    for n in range(rows):
        provider, currency, service, region, rid, rname, team, sub, unit = resources[rnd.randrange(len(resources))]
        day = 1 + n * 22 // rows
        hour = rnd.randrange(24)
        category = rnd.choice(CATEGORIES)
        cost = round(rnd.uniform(0.0001, 2.5), 10)
        if category in ("Credit",):
            cost = -cost
        if category == "Adjustment" and rnd.random() < 0.5:
            cost = -cost
        qty = round(rnd.uniform(0.01, 100), 6)
        start = f"2026-11-{day:02d}T{hour:02d}:00:00Z"
        end = f"2026-11-{day:02d}T{hour:02d}:59:59Z"
        row = {
            "AvailabilityZone": region[0] + "a", "BilledCost": repr(cost), "BillingAccountId": "123456789012",
            "BillingAccountName": "acme", "BillingAccountType": "Billing Account", "BillingCurrency": currency,
            "BillingPeriodEnd": "2026-12-01T00:00:00Z", "BillingPeriodStart": "2026-11-01T00:00:00Z",
            "ChargeCategory": category, "ChargeDescription": f"{service} {unit} in {region[1]}",
            "ChargeFrequency": "Usage-Based", "ChargePeriodEnd": end, "ChargePeriodStart": start,
            "ConsumedQuantity": repr(qty), "ConsumedUnit": unit, "ContractedCost": repr(cost),
            "ContractedUnitPrice": "0.0123", "EffectiveCost": repr(cost), "HostProviderName": "Not Applicable",
            "InvoiceId": "INV-2026-11", "InvoiceIssuerName": provider, "ListCost": repr(cost),
            "ListUnitPrice": "0.0123", "PricingCategory": "Standard", "PricingCurrency": currency,
            "PricingCurrencyContractedUnitPrice": "0.0123", "PricingCurrencyEffectiveCost": repr(cost),
            "PricingCurrencyListUnitPrice": "0.0123", "PricingQuantity": repr(qty), "PricingUnit": unit,
            "PublisherName": provider, "RegionId": region[0], "RegionName": region[1], "ResourceId": rid,
            "ResourceName": rname, "ResourceType": "Instance", "ServiceCategory": "Compute", "ServiceName": service,
            "ServiceProviderName": provider, "ServiceSubcategory": "Virtual Machines", "SkuId": "SKU123",
            "SkuMeter": unit, "SkuPriceDetails": '{"CoreCount": 2}', "SkuPriceId": "SKU123-P1",
            "SubAccountId": sub, "SubAccountName": f"{team}-prod", "SubAccountType": "Account",
            "Tags": f'{{"team": "{team}", "env": "prod", "cost-center": "cc-{len(team) * 7}"}}',
        }
        out.writerow([row.get(c, "") for c in COLUMNS])


if __name__ == "__main__":
    main()
