import { CountsDelta, StatusTally, type CountedSubject } from './counts-delta.js';
import type { FindingStatus, RuleId } from './catalogue.js';

const subject = (over: Partial<CountedSubject> = {}): CountedSubject => ({
  type: 'award',
  directorateId: 'dir-a',
  programme: 'Play',
  status: 'warn',
  statuses: { 'FCR-1': 'warn', 'MY-1': 'pass' },
  ...over,
});

describe('CountsDelta', () => {
  it('adds a new subject: one per rule and one for its overall status', () => {
    expect(new CountsDelta().remove(null).insert(subject()).changes()).toEqual([
      { type: 'award', directorateId: 'dir-a', programme: 'Play', rule: '*', status: 'warn', n: 1 },
      { type: 'award', directorateId: 'dir-a', programme: 'Play', rule: 'FCR-1', status: 'warn', n: 1 },
      { type: 'award', directorateId: 'dir-a', programme: 'Play', rule: 'MY-1', status: 'pass', n: 1 },
    ]);
  });

  it('an unchanged subject changes nothing; a changed rule moves one count', () => {
    expect(new CountsDelta().remove(subject()).insert(subject()).changes()).toEqual([]);
    const justified = subject({ status: 'pass', statuses: { 'FCR-1': 'pass', 'MY-1': 'pass' } });
    expect(new CountsDelta().remove(subject()).insert(justified).changes()).toEqual([
      { type: 'award', directorateId: 'dir-a', programme: 'Play', rule: '*', status: 'pass', n: 1 },
      { type: 'award', directorateId: 'dir-a', programme: 'Play', rule: '*', status: 'warn', n: -1 },
      { type: 'award', directorateId: 'dir-a', programme: 'Play', rule: 'FCR-1', status: 'pass', n: 1 },
      { type: 'award', directorateId: 'dir-a', programme: 'Play', rule: 'FCR-1', status: 'warn', n: -1 },
    ]);
  });

  it('moving an award to another directorate takes every count out of the old group into the new', () => {
    const changes = new CountsDelta().remove(subject()).insert(subject({ directorateId: 'dir-b' })).changes();
    expect(changes.filter((c) => c.directorateId === 'dir-a').map((c) => c.n)).toEqual([-1, -1, -1]);
    expect(changes.filter((c) => c.directorateId === 'dir-b').map((c) => c.n)).toEqual([1, 1, 1]);
  });

  it('a deleted subject comes out; deltas of many subjects add up', () => {
    const d = new CountsDelta().remove(subject()).insert(subject({ programme: '' })).insert(subject({ programme: '' }));
    expect(d.changes().filter((c) => c.rule === 'FCR-1')).toEqual([
      { type: 'award', directorateId: 'dir-a', programme: '', rule: 'FCR-1', status: 'warn', n: 2 },
      { type: 'award', directorateId: 'dir-a', programme: 'Play', rule: 'FCR-1', status: 'warn', n: -1 },
    ]);
  });
});

describe('StatusTally', () => {
  const findingsOf = (statuses: Record<string, FindingStatus>) => Object.entries(statuses).map(([rule, status]) => ({ rule: rule as RuleId, status }));

  it('gives the same changes as CountsDelta subject by subject, for many subjects across groups, in and out', () => {
    const statuses: FindingStatus[] = ['pass', 'warn', 'fail', 'not_applicable'];
    const olds: CountedSubject[] = [];
    const news: CountedSubject[] = [];
    for (let i = 0; i < 500; i++) {
      const pick = (k: number) => statuses[(i * 7 + k * 3) % 4];
      const make = (shift: number): CountedSubject => ({
        type: i % 10 === 0 ? 'consultation' : 'award',
        directorateId: `dir-${(i + shift) % 3}`,
        programme: ['', 'Play', 'Youth'][(i + shift) % 3],
        status: (['pass', 'warn', 'fail'] as const)[(i + shift) % 3],
        statuses: { 'FCR-1': pick(shift), 'MY-1': pick(shift + 1), 'PAY-1': pick(shift + 2), 'CON-1': pick(shift * 2) },
      });
      olds.push(make(0));
      news.push(make(i % 4));
    }
    const bySubject = new CountsDelta();
    const tally = new StatusTally();
    olds.forEach((s) => (bySubject.remove(s), tally.statuses(s.type, s.directorateId, s.programme, s.status, s.statuses, -1)));
    news.forEach((s) => (bySubject.insert(s), tally.findings(s.type, s.directorateId, s.programme, s.status, findingsOf(s.statuses), 1)));
    const expected = bySubject.changes();
    expect(expected.length).toBeGreaterThan(50);
    expect(tally.into(new CountsDelta()).changes()).toEqual(expected);
    // Gathered batch by batch into one tally, then drained: the same again, and nothing left.
    const job = new StatusTally();
    job.merge(tally).merge(new StatusTally());
    expect(job.drain().changes()).toEqual(expected);
    expect(job.drain().changes()).toEqual([]);
  });

  it('counts a rule or status outside the catalogue as it is', () => {
    const odd = subject({ statuses: { 'OLD-9': 'warn', 'FCR-1': 'maybe' as FindingStatus } });
    const tally = new StatusTally();
    tally.statuses(odd.type, odd.directorateId, odd.programme, odd.status, odd.statuses, 1);
    expect(tally.into(new CountsDelta()).changes()).toEqual(new CountsDelta().insert(odd).changes());
  });

  it('merges deltas and drains them', () => {
    const d = new CountsDelta().insert(subject());
    const total = new CountsDelta().merge(d).merge(new CountsDelta().remove(subject()));
    expect(total.changes()).toEqual([]);
    const once = new CountsDelta().merge(d).merge(d);
    expect(once.drain().map((c) => c.n)).toEqual([2, 2, 2]);
    expect(once.changes()).toEqual([]);
  });
});
