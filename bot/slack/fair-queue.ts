import { JobPump, type Job } from './job-pump.ts';

/**
 * The command queue: at most `concurrency` commands run at once, and the waiting ones are taken
 * workspace by workspace in turn (round robin), first in first out within a workspace, so one
 * busy workspace cannot starve the others; one user may have at most `perUser` commands waiting,
 * so one user's flood is refused to that user alone. Jobs start after the waiting requests are
 * read and acknowledged (JobPump).
 */
export class FairQueue extends JobPump {
  readonly #teams = new Map<string, { user: string; job: Job }[]>();
  /** Workspaces with waiting jobs, in turn order (each once). */
  readonly #turns: string[] = [];
  readonly #perUserWaiting = new Map<string, number>();
  #waiting = 0;

  constructor(
    concurrency: number,
    readonly capacity: number,
    readonly perUser: number,
    onError: (error: unknown) => void = () => {},
  ) {
    if (concurrency < 1 || capacity < 0 || perUser < 1) throw new RangeError(`concurrency and perUser must be ≥ 1 and capacity ≥ 0, got ${concurrency}, ${perUser} and ${capacity}`);
    super(concurrency, onError);
  }

  /** Queues a job for a user of a workspace; false (nothing queued) when the queue or that user's share is full. */
  push(team: string, user: string, job: Job): boolean {
    const userKey = `${team}:${user}`;
    const mine = this.#perUserWaiting.get(userKey) ?? 0;
    if (this.#waiting >= this.capacity || mine >= this.perUser) return false;
    this.#perUserWaiting.set(userKey, mine + 1);
    const list = this.#teams.get(team);
    if (list) list.push({ user: userKey, job });
    else {
      this.#teams.set(team, [{ user: userKey, job }]);
      this.#turns.push(team);
    }
    this.#waiting++;
    this.pump();
    return true;
  }

  get waiting(): number {
    return this.#waiting;
  }

  /** The next job: the first team in line gives one, then goes to the back of the line. */
  protected take(): Job | undefined {
    const team = this.#turns.shift();
    if (team === undefined) return undefined;
    const list = this.#teams.get(team)!;
    const next = list.shift()!;
    if (list.length > 0) this.#turns.push(team);
    else this.#teams.delete(team);
    this.#waiting--;
    const left = (this.#perUserWaiting.get(next.user) ?? 1) - 1;
    if (left > 0) this.#perUserWaiting.set(next.user, left);
    else this.#perUserWaiting.delete(next.user);
    return next.job;
  }
}
