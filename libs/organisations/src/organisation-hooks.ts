import { Injectable, Logger } from '@nestjs/common';

/**
 * Other libraries (duplicates) react to organisation writes without this library knowing them:
 * they register a hook at start-up. Unlike AwardHooks these run AFTER the write has committed
 * (a queued job must read the new record); a failing hook is logged, never undoes the write.
 */
export interface OrganisationWriteHook {
  afterOrganisationCommit(organisationIds: string[], event: 'created' | 'updated'): Promise<void>;
}

@Injectable()
export class OrganisationHooks {
  private readonly logger = new Logger('OrganisationHooks');
  private readonly hooks: OrganisationWriteHook[] = [];
  register(hook: OrganisationWriteHook): void {
    this.hooks.push(hook);
  }
  async afterCommit(organisationIds: string[], event: 'created' | 'updated'): Promise<void> {
    for (const h of this.hooks) {
      try {
        await h.afterOrganisationCommit(organisationIds, event);
      } catch (e) {
        this.logger.warn(`organisation hook ${h.constructor.name} failed after ${event} of ${organisationIds.join(', ')}: ${(e as Error).message}`);
      }
    }
  }
}
