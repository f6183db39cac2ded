import { Injectable } from '@nestjs/common';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { AppError } from '@app/common';

/** After this many bad tokens from one address within a minute, the address waits a minute. */
export const BAD_TOKEN_LIMIT = 10;

/** Slows token guessing with 429, counting failures per address (rate-limiter-flexible). */
@Injectable()
export class BadTokenLimiter {
  private readonly failures = new RateLimiterMemory({ keyPrefix: 'bad-token', points: BAD_TOKEN_LIMIT, duration: 60, blockDuration: 60 });

  async assertAllowed(address: string): Promise<void> {
    const state = await this.failures.get(address);
    if (state && state.consumedPoints >= BAD_TOKEN_LIMIT) // the 11th attempt is refused, valid token or not
      throw new AppError('TOO_MANY_REQUESTS', `too many bad tokens from this address: wait ${Math.ceil(state.msBeforeNext / 1000)} s, then sign in with a valid token`);
  }

  async recordFailure(address: string): Promise<void> {
    await this.failures.consume(address).catch(() => undefined); // over the limit: the block is in place
  }
}
