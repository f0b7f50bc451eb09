/** A queued piece of work; its errors go to the queue's `onError`. */
export type Job = () => Promise<void>;

/**
 * What both Slack queues share: at most `concurrency` jobs run at once, each started from
 * `setImmediate` so the event loop reads and acknowledges the requests already waiting before it
 * spends CPU on the next job; `drained()` resolves once nothing waits or runs. A subclass decides
 * only which job is next (`take`) and how many wait.
 */
export abstract class JobPump {
  #running = 0;
  #idle: (() => void)[] = [];

  constructor(
    readonly concurrency: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** The next job to start, taken off the waiting list; undefined when none waits. */
  protected abstract take(): Job | undefined;

  /** How many jobs wait (not counting the running ones). */
  abstract get waiting(): number;

  get pending(): number {
    return this.waiting + this.#running;
  }

  /** Resolves once nothing is waiting or running (for shutdown, tests and the bench). */
  drained(): Promise<void> {
    return this.pending === 0 ? Promise.resolve() : new Promise((resolve) => this.#idle.push(resolve));
  }

  protected pump(): void {
    while (this.#running < this.concurrency) {
      const job = this.take();
      if (!job) return;
      this.#running++;
      setImmediate(() => {
        job()
          .catch(this.onError)
          .finally(() => {
            this.#running--;
            this.pump();
            if (this.pending === 0) for (const wake of this.#idle.splice(0)) wake();
          });
      });
    }
  }
}
