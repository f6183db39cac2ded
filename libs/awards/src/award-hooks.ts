import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * Other libraries (compliance, duplicates) react to award writes without the awards library
 * knowing them: they register a hook at start-up. Hooks run inside the write's transaction,
 * so derived data (stored findings) lands with the award or not at all.
 */
export interface AwardWriteHook {
  afterAwardWrite(m: EntityManager, awardIds: string[], event: 'created' | 'updated' | 'deleted'): Promise<void>;
}

export type AwardWriteHookClass = abstract new (...args: never[]) => AwardWriteHook;

@Injectable()
export class AwardHooks {
  private readonly hooks: AwardWriteHook[] = [];
  register(hook: AwardWriteHook): void {
    this.hooks.push(hook);
  }
  /** `skip`: hooks (by class) whose work the writer has done itself, e.g. an import that checked its new awards' compliance. */
  async run(m: EntityManager, awardIds: string[], event: 'created' | 'updated' | 'deleted', skip: readonly AwardWriteHookClass[] = []): Promise<void> {
    for (const h of this.hooks) if (!skip.some((c) => h instanceof c)) await h.afterAwardWrite(m, awardIds, event);
  }
}
