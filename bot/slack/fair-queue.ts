/**
 * The command queue: at most `concurrency` commands run at once, and the waiting ones are taken
 * workspace by workspace in turn (round robin), so one busy workspace cannot starve the others;
 * one user may have at most `perUser` commands waiting, so one user's flood is refused to that
 * user alone. Jobs start from `setImmediate`, so waiting requests are read and acknowledged first.
 */
export class FairQueue {
  readonly #teams = new Map<string, { user: string; job: () => Promise<void> }[]>();
  readonly #perUserWaiting = new Map<string, number>();
  #waiting = 0;
  #running = 0;
  #idle: (() => void)[] = [];

  constructor(
    readonly concurrency: number,
    readonly capacity: number,
    readonly perUser: number,
    private readonly onError: (error: unknown) => void = () => {},
  ) {
    if (concurrency < 1 || capacity < 0 || perUser < 1) throw new RangeError(`concurrency and perUser must be ≥ 1 and capacity ≥ 0, got ${concurrency}, ${perUser} and ${capacity}`);
  }

  /** Queues a job for a user of a workspace; false (nothing queued) when the queue or that user's share is full. */
  push(team: string, user: string, job: () => Promise<void>): boolean {
    const userKey = `${team}:${user}`;
    const mine = this.#perUserWaiting.get(userKey) ?? 0;
    if (this.#waiting >= this.capacity || mine >= this.perUser) return false;
    this.#perUserWaiting.set(userKey, mine + 1);
    const list = this.#teams.get(team) ?? [];
    list.push({ user: userKey, job });
    this.#teams.set(team, list);
    this.#waiting++;
    this.#pump();
    return true;
  }

  get pending(): number {
    return this.#waiting + this.#running;
  }

  drained(): Promise<void> {
    return this.pending === 0 ? Promise.resolve() : new Promise((resolve) => this.#idle.push(resolve));
  }

  /** The next job: the first team in line gives one, then goes to the back of the line. */
  #take(): (() => Promise<void>) | undefined {
    for (const [team, list] of this.#teams) {
      const next = list.shift();
      this.#teams.delete(team);
      if (list.length > 0) this.#teams.set(team, list);
      if (!next) continue;
      this.#waiting--;
      const left = (this.#perUserWaiting.get(next.user) ?? 1) - 1;
      if (left > 0) this.#perUserWaiting.set(next.user, left);
      else this.#perUserWaiting.delete(next.user);
      return next.job;
    }
    return undefined;
  }

  #pump(): void {
    while (this.#running < this.concurrency) {
      const job = this.#take();
      if (!job) return;
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
