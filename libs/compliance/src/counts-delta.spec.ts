import { CountsDelta, type CountedSubject } from './counts-delta.js';

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
