package dev.costmon.report;

import static dev.costmon.report.Views.USD;
import static dev.costmon.report.Views.account;
import static dev.costmon.report.Views.of;
import static org.assertj.core.api.Assertions.assertThat;

import dev.costmon.budget.AccountView;
import dev.costmon.budget.MonthView;
import dev.costmon.model.Provenance;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CsvRendererTest {

  @Test
  void writesOneExactRowPerAccountAndATotal() {
    String text = Render.render(Views.sample(), Views.options(ReportFormat.CSV));

    assertThat(text.split("\r\n", -1)).containsExactly(
        "type,month,group,account,provider,service,currency,spend,provenance,reporting_currency,spend_reporting,"
            + "fx_rate,cap,cap_currency,cap_ratio,forecast,forecast_provenance,forecast_reporting,forecast_ratio,"
            + "metric,usage,unit,quota,usage_ratio,stale,last_success,condition,fx_date,fx_source,days,estimate,actual,"
            + "gap,demo",
        "account,2026-11,,ionos,fixed,,EUR,4.6,fixed,USD,4.968,1.08,10,EUR,0.4600,6.00,fixed,6.4800,0.6000,"
            + ",,,,,false,2026-11-23T08:00:00Z,,,,,,,,false",
        "account,2026-11,,openai-prod,openai,,USD,17.123456,api+estimate,USD,17.123456,1,20,USD,0.8562,23.3,"
            + "estimate,23.3,1.1650,,,,,,false,2026-11-23T09:15:00Z,,,,,,,,false",
        "usage,2026-11,,openai-prod,openai,,,,,,,,,,,,,,,input_tokens,1234567,tokens,,,,,,,,,,,,false",
        "usage,2026-11,,openai-prod,openai,,,,,,,,,,,,,,,storage,850000000,bytes,1000000000,0.8500,,,,,,,,,,false",
        "account,2026-11,,anthropic,anthropic,,USD,,,USD,,1,,,,,,,,,,,,,true,2026-11-20T10:00:00Z,"
            + "no admin access,,,,,,,false",
        "total,2026-11,,,,,,,,USD,22.091456,,50,USD,0.4418,,,29.7800,,,,,,,,,,,,,,,,false",
        "");
  }

  @Test
  void quotesFieldsWithCommasAndQuotes() {
    AccountView odd = of(account("acme, \"prod\"", new NamedProvider("http-json"), Map.of(), USD, Optional.empty()))
        .spend("1.5", Provenance.API).forecast("2", Provenance.ESTIMATE).collected(Duration.ofHours(1)).build();

    String text = Render.render(Views.month(Optional.empty(), odd), Views.options(ReportFormat.CSV));

    assertThat(text).contains("\r\naccount,2026-11,,\"acme, \"\"prod\"\"\",http-json,,USD,1.5,");
  }

  @Test
  void listsServicesWhenGroupedByService() {
    String text = Render.render(Views.sample(), Views.options(ReportFormat.CSV).withGrouping(Grouping.SERVICE));

    assertThat(text).contains("\r\nservice,2026-11,,openai-prod,openai,gpt-4o,USD,12.5,api,USD,12.5,1,"
        + ",,,,,,,,,,,,,,,,,,,,,false\r\n");
    assertThat(text).contains("\r\nservice,2026-11,,ionos,fixed,monthly fee,EUR,4.6,fixed,USD,4.968,1.08,");
  }

  @Test
  void marksEveryRowOfDemoData() {
    String[] lines = Render.render(Views.sample(), Views.options(ReportFormat.CSV).withDemo(true)).split("\r\n");

    assertThat(lines[0]).endsWith(",demo");
    assertThat(Arrays.stream(lines).skip(1)).allMatch(line -> line.endsWith(",true"));
  }

  @Test
  void groupSubtotalsSumExactlyToTheTotal() {
    MonthView view = Views.sample();
    for (Grouping grouping : List.of(Grouping.PROVIDER, Grouping.label("team"))) {
      List<List<String>> rows = Arrays.stream(
              Render.render(view, Views.options(ReportFormat.CSV).withGrouping(grouping)).split("\r\n"))
          .map(line -> Arrays.asList(line.split(",", -1))).toList();
      int type = 0;
      int spend = CsvRenderer.HEADER.indexOf("spend_reporting");
      // A group without any figure (anthropic, never collected this month) has an empty subtotal.
      BigDecimal sum = rows.stream().filter(r -> r.get(type).equals("subtotal") && !r.get(spend).isEmpty())
          .map(r -> new BigDecimal(r.get(spend))).reduce(BigDecimal.ZERO, BigDecimal::add);
      List<String> total = rows.stream().filter(r -> r.get(type).equals("total")).findFirst().orElseThrow();

      assertThat(rows.stream().filter(r -> r.get(type).equals("subtotal"))).hasSize(3);
      assertThat(sum.toPlainString()).isEqualTo(total.get(spend)).isEqualTo(view.total().amount().toPlainString());
    }
  }
}
