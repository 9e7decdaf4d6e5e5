package dev.costmon.cli;

import static dev.costmon.cli.DigitalOceanNights.droplet;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "done when", end to end: a DigitalOcean team collected nightly from a loopback API
 * into a real history file, web-1 running all month and a GPU droplet ml-test running all of Nov 22
 * (25.50 USD); the next morning's digest names it with its cost.
 */
class DigestDigitalOceanTest {
  @TempDir Path dir;
  CliHarness cli;
  DigitalOceanNights digitalocean;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(dir);
    digitalocean = new DigitalOceanNights(cli, "dop_v1_TESTdigest0123456789");
  }

  @AfterEach
  void tearDown() {
    digitalocean.close();
  }

  /** One night's collect: November's preview, updated at {@code updated}, with these items. */
  private void night(String at, String updated, String total, String... lines) {
    digitalocean.night(at, "2026-11", updated, total, "", lines);
  }

  @Test
  void theNextMorningsDigestSaysWhichDropletCostWhat() {
    night("2026-11-22T07:00:00Z", "2026-11-22T06:00:00Z", "18.21",
        droplet("web-1 (s-2vcpu-4gb)", "18.21", "2026-11-01T00:00:00Z", "2026-11-22T06:00:00Z"));
    night("2026-11-23T07:00:00Z", "2026-11-23T06:00:00Z", "44.57",
        droplet("web-1 (s-2vcpu-4gb)", "19.07", "2026-11-01T00:00:00Z", "2026-11-23T06:00:00Z"),
        droplet("ml-test (gpu-h100x1-80gb)", "25.50", "2026-11-22T00:00:00Z", "2026-11-23T00:00:00Z"));

    cli.at("2026-11-23T07:30:00Z");
    CliHarness.Result digest = cli.run("digest");

    assertThat(digest.exitCode()).as(digest.err()).isZero();
    assertThat(digest.out()).contains("""
        Top movers (against the median day of 15-21 Nov 2026)
          do: Droplets / ml-test +25.50 USD (new)
              none -> 25.50 USD
        """).contains("""
        New resources
          do: Droplets / ml-test 25.50 USD (estimate, since 2026-11-22)
        """);
  }
}
