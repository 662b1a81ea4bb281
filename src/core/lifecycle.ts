import type { Logger } from './logger';

/**
 * The process's life from its first line: SIGTERM and SIGINT are handled from the moment this exists, also
 * while the database starts, migrations run or the demo village loads. A stop aborts `signal` (so work that
 * watches it gives up and rolls back), waits for the step under way to settle, closes everything opened so far
 * in reverse order, and exits 0. A second signal while stopping (Ctrl-C twice) exits at once.
 */
export class ProcessLifecycle {
  private readonly controller = new AbortController();
  private readonly closers: Array<() => Promise<void>> = [];
  private current: Promise<unknown> = Promise.resolve();
  private stopping = false;

  constructor(private readonly logger: Logger) {
    process.on('SIGTERM', () => void this.stop('SIGTERM'));
    process.on('SIGINT', () => void this.stop('SIGINT'));
  }

  /** Aborted once a stop was asked for. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Opens something (a database, a server) that the stop closes; refused once a stop was asked for. */
  open<T>(start: () => Promise<T>, close: (opened: T) => Promise<void>): Promise<T> {
    return this.step(async () => {
      const opened = await start();
      this.closers.unshift(() => close(opened));
      return opened;
    });
  }

  /** Runs a step of the start that a stop waits for (it should watch `signal` and give up when aborted). */
  step<T>(work: () => Promise<T>): Promise<T> {
    this.signal.throwIfAborted();
    const running = work();
    this.current = running.catch(() => undefined);
    return running;
  }

  /** A start that failed: says why, closes what is open and exits 1. */
  async fail(error: unknown, message?: string): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    if (message) console.error(message);
    else this.logger.fatal({ err: error }, 'could not start');
    await this.closeAll();
    process.exit(1);
  }

  private async stop(signal: string): Promise<void> {
    if (this.stopping) process.exit(1);
    this.stopping = true;
    this.logger.info({ signal }, 'stopping');
    this.controller.abort();
    await this.current;
    process.exit((await this.closeAll()) ? 0 : 1);
  }

  private async closeAll(): Promise<boolean> {
    try {
      for (const close of this.closers) await close();
      return true;
    } catch (error) {
      this.logger.error({ err: error }, 'unclean stop');
      return false;
    }
  }
}
