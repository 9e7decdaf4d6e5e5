package dev.costmon.digest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costmon.config.ConfigLoader;
import dev.costmon.config.CostmonConfig;
import dev.costmon.config.Environment;
import dev.costmon.model.Money;
import dev.costmon.model.Provenance;
import dev.costmon.movement.Movement;
import dev.costmon.movement.Spend;
import dev.costmon.provider.ProviderRegistry;
import dev.costmon.store.Database;
import dev.costmon.store.History;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTML digest in a real headless Chromium (Debian's package; .ci/run installs it, and checks
 * that these tests ran rather than skipped): laid out at a phone's 375px and a desktop's 1280px, it
 * must render text, load nothing, and nothing may reach past the right edge, measured by the
 * browser (document and element boxes) and in the screenshot (the rightmost columns are page
 * background). Screenshots go to target/digest-screenshots; docs/ keeps a sample of each.
 */
class DigestBrowserTest {
  /** The page background, which the screenshot's right margin must be. */
  static final int BACKGROUND = 0xf6f8fa;
  static final Path SCREENSHOTS = Path.of("target", "digest-screenshots");
  /** A resource name with nothing to break it at, longer than a phone is wide. */
  static final String LONG_NAME = "Droplets / ml-test-gpu-h100x8-" + "0123456789abcdef".repeat(5);

  @TempDir static Path dir;
  static HeadlessChromium browser;

  @BeforeAll
  static void start() throws Exception {
    Optional<Path> binary = HeadlessChromium.find();
    Assumptions.assumeTrue(binary.isPresent(), "no chromium on PATH (apt-get install chromium) and no $CHROMIUM");
    browser = new HeadlessChromium(binary.get(), dir.resolve("profile"));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
  }

  /** The digest of the test history, with a long-named new resource added to its movers and new resources. */
  static String html() throws IOException {
    Path config = Files.writeString(dir.resolve("costmon.yaml"), DigestHistory.CONFIG);
    if (!Files.exists(dir.resolve("history.db"))) {
      DigestHistory.write(dir.resolve("history.db"));
    }
    CostmonConfig c = new ConfigLoader(ProviderRegistry.builtIn(),
        new Environment(Map.of("DO_TOKEN", "t"), dir, dir, false)).load(config);
    Digest d;
    try (Database db = Database.open(c.database(), false)) {
      d = new DigestBuilder(c).build(new History(db), Period.before(Period.Kind.DAY, LocalDate.parse("2026-11-23")),
          DigestHistory.MORNING);
    }
    Money spend = Money.of("1234567.89", "USD");
    List<Movement> movers = new ArrayList<>(d.movers());
    movers.add(new Movement("do", LONG_NAME, Optional.empty(), Optional.of(new Spend(spend, spend,
        Provenance.ESTIMATE))));
    List<Digest.NewResource> fresh = new ArrayList<>(d.newResources());
    fresh.add(new Digest.NewResource("do", LONG_NAME, LocalDate.parse("2026-11-22"), spend, Set.of(Provenance.ESTIMATE)));
    return HtmlDigest.render(new Digest(d.period(), d.basis(), d.comparedWith(), d.generatedAt(), d.demo(),
        d.currency(), d.month(), d.periodTotal(), d.accounts(), movers, fresh, d.stale(), d.breaches(), d.quotas()));
  }

  @ParameterizedTest
  @ValueSource(ints = {375, 1280})
  void rendersAtPhoneAndDesktopWidthsWithoutOverflowingOrLoadingAnything(int width) throws Exception {
    Path page = Files.writeString(dir.resolve("digest-" + width + ".html"), html());

    HeadlessChromium.Layout layout = browser.open(page, width);

    Files.createDirectories(SCREENSHOTS);
    Files.write(SCREENSHOTS.resolve("digest-" + width + ".png"), layout.png());
    // The viewport meta makes a phone lay the page out at its own width, not at a zoomed-out 980px.
    assertThat(layout.clientWidth()).isEqualTo(width);
    assertThat(layout.scrollWidth()).as("document width at %dpx", width).isLessThanOrEqualTo(width);
    assertThat(layout.overflowing()).as("elements past the right edge at %dpx", width).isEmpty();
    assertThat(layout.resources()).as("resources loaded").isZero();
    assertThat(layout.screenshot().getWidth()).isEqualTo(width);
    assertThat(layout.screenshot().getHeight()).isGreaterThan(600);
    assertThat(dark(layout.screenshot())).as("text pixels").isGreaterThan(3000);
    assertThat(rightEdgeIsBackground(layout.screenshot(), 6)).as("right margin of the screenshot is background")
        .isTrue();
  }

  @Test
  void aLayoutThatOverflowsIsCaughtByBothMeasures() throws Exception {
    // The regression this test exists for: names that may not wrap.
    String broken = html().replace("overflow-wrap:anywhere;", "white-space:nowrap;");
    Path page = Files.writeString(dir.resolve("broken.html"), broken);

    HeadlessChromium.Layout layout = browser.open(page, 375);

    assertThat(layout.overflows()).isTrue();
    assertThat(layout.overflowing()).contains("Droplets / ml-test-gpu-h100x8");
    assertThat(rightEdgeIsBackground(layout.screenshot(), 6)).isFalse();
  }

  /** Pixels dark enough to be text. */
  static int dark(BufferedImage image) {
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        int luminance = ((rgb >> 16 & 0xff) * 299 + (rgb >> 8 & 0xff) * 587 + (rgb & 0xff) * 114) / 1000;
        if (luminance < 110) {
          n++;
        }
      }
    }
    return n;
  }

  /** Whether the rightmost columns hold nothing but the page background: nothing was cut off there. */
  static boolean rightEdgeIsBackground(BufferedImage image, int columns) {
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = image.getWidth() - columns; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xffffff) != BACKGROUND) {
          return false;
        }
      }
    }
    return true;
  }
}
