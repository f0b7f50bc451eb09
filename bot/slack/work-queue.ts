import { JobPump, type Job } from './job-pump.ts';

/**
 * Runs acknowledged work after the acknowledgements, first in first out. Slack needs the ack
 * within 3 s, while the reply may follow for up to 30 minutes, so jobs start after the waiting
 * requests are read (JobPump). At most `capacity` wait; past that `push` says no and the caller
 * tells the user to try again, instead of letting a flood grow memory without bound.
 */
export class WorkQueue extends JobPump {
  readonly #jobs: Job[] = [];

  constructor(
    concurrency = 4,
    readonly capacity = 2_000,
    onError: (error: unknown) => void = () => {},
  ) {
    if (concurrency < 1 || capacity < 0) throw new RangeError(`concurrency must be ≥ 1 and capacity ≥ 0, got ${concurrency} and ${capacity}`);
    super(concurrency, onError);
  }

  /** Queues a job; false when the queue is full (nothing is queued then). */
  push(job: Job): boolean {
    if (this.waiting >= this.capacity) return false;
    this.#jobs.push(job);
    this.pump();
    return true;
  }

  get waiting(): number {
    return this.#jobs.length;
  }

  protected take(): Job | undefined {
    return this.#jobs.shift();
  }
}
