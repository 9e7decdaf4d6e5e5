package dev.costmon.process;

import java.util.List;

/** Stops a program costmon started together with the children it started in turn. */
public final class ProcessTree {
  private ProcessTree() {}

  /** Kills the program and its children, which a shell script's pipeline or sleep would otherwise leave. */
  public static void kill(Process process) {
    // Children are listed while the program still holds them (an orphan is no longer its descendant),
    // but the program dies first: a shell whose sleep were killed first would run its next command.
    List<ProcessHandle> children = process.descendants().toList();
    process.destroyForcibly();
    children.forEach(ProcessHandle::destroyForcibly);
  }
}
