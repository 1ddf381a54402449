package dev.descent.optimizer;

import dev.descent.stopping.StopReason;

/** An optimizer's own decision to stop: it cannot make further progress, or it solved the problem. */
public record Halt(StopReason reason, String message) {}
