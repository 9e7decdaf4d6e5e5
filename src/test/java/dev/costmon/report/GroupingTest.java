package dev.costmon.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GroupingTest {

  @Test
  void parsesEveryForm() {
    assertThat(Grouping.parse("account")).isEqualTo(Grouping.ACCOUNT);
    assertThat(Grouping.parse("Provider")).isEqualTo(Grouping.PROVIDER);
    assertThat(Grouping.parse("service")).isEqualTo(Grouping.SERVICE);
    assertThat(Grouping.parse("label:team")).isEqualTo(Grouping.label("team"));
    assertThat(Grouping.parse("label:team").label()).isEqualTo("label:team");
    assertThat(Grouping.parse("Model")).isEqualTo(Grouping.label("model"));
    assertThat(Grouping.parse("bucket")).isEqualTo(Grouping.label("bucket"));
    assertThat(Grouping.parse("resource")).isEqualTo(Grouping.label("resource"));
  }

  @Test
  void rejectsUnknownGroupingAndMissingKey() {
    assertThatThrownBy(() -> Grouping.parse("team"))
        .hasMessage("unknown grouping 'team'; use account, provider, service, model, bucket, resource or label:KEY");
    assertThatThrownBy(() -> Grouping.parse("label:"))
        .hasMessage("--by label: needs a label key, e.g. --by label:team");
  }

  @Test
  void accountsWithoutTheLabelAreUnattributed() {
    var sample = Views.sample().accounts();

    assertThat(Grouping.label("team").groupOf(sample.get(0))).isEqualTo("infra");
    assertThat(Grouping.label("team").groupOf(sample.get(2))).isEqualTo("unattributed");
    assertThat(Grouping.PROVIDER.groupOf(sample.get(1))).isEqualTo("openai");
  }

  @Test
  void parsesFormats() {
    assertThat(ReportFormat.fromLabel("Markdown")).isEqualTo(ReportFormat.MARKDOWN);
    assertThatThrownBy(() -> ReportFormat.fromLabel("xml"))
        .hasMessage("unknown report format 'xml'; use table, json, csv or markdown");
  }
}
