package dev.costmon.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressBoardTest {

  @Test
  void eachAccountShowsItsWindowsDoneAndTheTimeLeftAtItsOwnPace() {
    Map<String, Integer> windows = new LinkedHashMap<>();
    windows.put("claude", 12);
    windows.put("openai-prod", 4);
    ProgressBoard board = new ProgressBoard(windows);
    for (int i = 0; i < 3; i++) {
      board.windowDone("claude");
    }
    for (int i = 0; i < 4; i++) {
      board.windowDone("openai-prod");
    }

    // 3 of 12 in 30 s: 9 more at 10 s each.
    assertThat(board.render(Duration.ofSeconds(30), 60)).containsExactly(
        "claude      [#######.......................] 3/12  ETA 1:30",
        "openai-prod [##############################] 4/4  done");
    assertThat(board.render(Duration.ofSeconds(30), 40)).containsExactly(
        "claude      [##.........] 3/12  ETA 1:30",
        "openai-prod [###########] 4/4  done");
    assertThat(board.render(Duration.ofSeconds(30), 30).get(0)).hasSize(30);
  }

  @Test
  void theClockReadsLikeAStopwatch() {
    assertThat(ProgressBoard.clock(Duration.ofSeconds(42))).isEqualTo("0:42");
    assertThat(ProgressBoard.clock(Duration.ofSeconds(725))).isEqualTo("12:05");
    assertThat(ProgressBoard.clock(Duration.ofSeconds(3723))).isEqualTo("1:02:03");
  }
}
