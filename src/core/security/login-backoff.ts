import { createHash } from 'node:crypto';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';

/** The longest a pair waits between attempts, however many it failed. */
export const MAX_WAIT_SECONDS = 15 * 60;
/** How long failures are remembered after the first of a run (a correct password forgets them at once). */
export const FAILURES_LIFETIME_SECONDS = 24 * 3600;

/**
 * Password guessing slowed down per account and address pair, never per account alone: whoever guesses at a
 * victim's email from elsewhere slows only their own pair, and the owner's correct password from their own
 * address goes through (as far as that address's budget allows). A pair tries `freeFailures` times without
 * waiting; its failure number `freeFailures` and each one after make it wait before the next attempt, 1 s, 2 s,
 * 4 s … up to MAX_WAIT_SECONDS (a back-off, not a lock-out: the wait ends by itself). A success clears the pair.
 *
 * Both counters are rate-limiter-flexible limiters on the shared store: `failures` counts a pair's failures,
 * `waits` holds a pair blocked for its current wait.
 */
export class LoginBackoff {
  constructor(
    private readonly failures: RateLimiterAbstract,
    private readonly waits: RateLimiterAbstract,
    private readonly freeFailures: number,
  ) {}

  /** Milliseconds the pair must still wait before its next attempt; 0 when it may try now. */
  async waitMs(email: string, ip: string): Promise<number> {
    const blocked = await this.waits.get(pairKey(email, ip));
    return blocked && blocked.consumedPoints > this.waits.points ? blocked.msBeforeNext : 0;
  }

  /** A wrong password for `email` from `ip`. */
  async failed(email: string, ip: string): Promise<void> {
    const key = pairKey(email, ip);
    const { consumedPoints } = await this.failures.penalty(key, 1);
    const beyond = consumedPoints - this.freeFailures;
    if (beyond >= 0) await this.waits.block(key, Math.min(MAX_WAIT_SECONDS, 2 ** beyond));
  }

  /** A correct password for `email` from `ip`: the pair starts afresh. */
  async succeeded(email: string, ip: string): Promise<void> {
    const key = pairKey(email, ip);
    await Promise.all([this.failures.delete(key), this.waits.delete(key)]);
  }
}

/** Emails are kept only as hashes. */
function pairKey(email: string, ip: string): string {
  return `${createHash('sha256').update(email.trim().toLowerCase()).digest('hex')}:${ip}`;
}
