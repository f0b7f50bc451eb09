/**
 * Runs acknowledged work after the acknowledgements. Slack needs the ack within 3 s, while the
 * reply may follow for up to 30 minutes, so each job starts from `setImmediate`: the event loop
 * reads and acks the requests already waiting before it spends CPU on the next command. At most
 * `concurrency` jobs run at once and at most `capacity` wait; past that `push` says no and the
 * caller tells the user to try again, instead of letting a flood grow memory without bound.
 */
export class WorkQueue {
  readonly #waiting: (() => Promise<void>)[] = [];
  #running = 0;
  #idle: (() => void)[] = [];

  constructor(
    readonly concurrency = 4,
    readonly capacity = 2_000,
    private readonly onError: (error: unknown) => void = () => {},
  ) {
    if (concurrency < 1 || capacity < 0) throw new RangeError(`concurrency must be ≥ 1 and capacity ≥ 0, got ${concurrency} and ${capacity}`);
  }

  /** Queues a job; false when the queue is full (nothing is queued then). */
  push(job: () => Promise<void>): boolean {
    if (this.#waiting.length >= this.capacity) return false;
    this.#waiting.push(job);
    this.#pump();
    return true;
  }

  get pending(): number {
    return this.#waiting.length + this.#running;
  }

  /** Resolves once nothing is waiting or running (for shutdown and tests). */
  drained(): Promise<void> {
    return this.pending === 0 ? Promise.resolve() : new Promise((resolve) => this.#idle.push(resolve));
  }

  #pump(): void {
    while (this.#running < this.concurrency && this.#waiting.length > 0) {
      const job = this.#waiting.shift()!;
      this.#running++;
      setImmediate(() => {
        job()
          .catch(this.onError)
          .finally(() => {
            this.#running--;
            this.#pump();
            if (this.pending === 0) for (const wake of this.#idle.splice(0)) wake();
          });
      });
    }
  }
}
