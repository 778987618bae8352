/**
 * Undo steps, run last-in first-out exactly once: at the end, on an error or on Ctrl-C, so a
 * benchmark never leaves a stack, a database, topics or temporary directories behind.
 */
export class Cleanup {
  private readonly steps: Array<{ name: string; run: () => unknown }> = [];
  private done?: Promise<void>;

  add(name: string, run: () => unknown): void {
    this.steps.push({ name, run });
  }

  run(): Promise<void> {
    this.done ??= (async () => {
      for (const step of this.steps.reverse()) {
        try {
          await step.run();
        } catch (error) {
          console.error(`cleanup: ${step.name} failed: ${(error as Error).message}`);
        }
      }
    })();
    return this.done;
  }

  /** Ctrl-C (or a kill) still cleans up, then exits with the conventional status. */
  onInterrupt(): void {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        console.error(`\n${signal}: cleaning up…`);
        void this.run().finally(() => process.exit(130));
      });
    }
  }
}
