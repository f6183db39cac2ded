import { InvalidJobInput } from '@app/jobs';
import { resolveScope } from './award-scope.js';
import type { Snapshot } from './snapshot.js';

const FUNDER = { id: '0b0f6d7e-8a43-4c1e-9d55-1d2a3b4c5d6e', name: 'Milton Keynes City Council', orgId: 'GB-LAE-MIK' };
const OTHER_FUNDER_DIRECTORATE = { id: '7a1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e', code: 'CSF', name: 'Community Safety Fund', funderId: 'ffffffff-0000-4000-8000-000000000000' };

/** A snapshot that answers the two look-ups resolveScope makes, and nothing else. */
const snapshot = (funders: object[], directorates: object[]) =>
  ({ query: async (sql: string) => (sql.includes('FROM funders') ? funders : directorates) }) as unknown as Snapshot;

describe('resolveScope', () => {
  it('passes the params on as $1-$4 and describes them', async () => {
    const scope = await resolveScope(snapshot([FUNDER], []), { funderId: FUNDER.id, from: '2025-04-01', to: '2026-03-31' });
    expect(scope.params).toEqual([FUNDER.id, null, '2025-04-01', '2026-03-31']);
    expect(scope.description).toEqual({ funder: FUNDER, directorate: null, from: '2025-04-01', to: '2026-03-31' });
    expect((await resolveScope(snapshot([], []), undefined)).params).toEqual([null, null, null, null]);
  });

  it('refuses what no retry can fix, saying what to do', async () => {
    await expect(resolveScope(snapshot([], []), { funderId: FUNDER.id })).rejects.toThrow(
      new InvalidJobInput(`funderId: funder ${FUNDER.id} does not exist; list funders with GET /api/funders and start the job again`),
    );
    await expect(resolveScope(snapshot([], []), { funderId: 'council', from: '2025-02-30' })).rejects.toThrow(
      'funderId: council is not a funder id (uuid); list funders with GET /api/funders; from: 2025-02-30 is not a date (YYYY-MM-DD)',
    );
    await expect(resolveScope(snapshot([], []), { from: '2026-01-01', to: '2025-01-01' })).rejects.toThrow('to: 2025-01-01 is before from 2026-01-01');
    await expect(resolveScope(snapshot([FUNDER], [OTHER_FUNDER_DIRECTORATE]), { funderId: FUNDER.id, directorateId: OTHER_FUNDER_DIRECTORATE.id })).rejects.toThrow(
      "directorateId: directorate Community Safety Fund belongs to another funder than Milton Keynes City Council; give one of Milton Keynes City Council's directorates or leave funderId out",
    );
  });
});
