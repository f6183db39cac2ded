import { findingsHash } from './findings-hash.js';
import type { Finding } from './catalogue.js';

describe('findingsHash', () => {
  const findings: Finding[] = [
    { rule: 'MY-1', status: 'pass', message: 'The funding period 2025-04-01 to 2027-03-31 is 24 months: at least the 12-month multi-year minimum.', source: 'x' },
    { rule: 'FCR-2', status: 'warn', message: 'Only £5,000.00 of the £17,500.00 overhead cost is funded (28.6 %): a shortfall of £12,500.00.', source: 'x' },
  ];

  it('is a safe integer, the same for equal findings whatever their source wording', () => {
    expect(Number.isSafeInteger(findingsHash(findings))).toBe(true);
    expect(findingsHash(findings)).toBe(findingsHash(findings.map((f) => ({ ...f, source: 'other' }))));
    expect(findingsHash([])).toBe(findingsHash([]));
  });

  it('differs when a message, a status, a rule or the order changes', () => {
    const h = findingsHash(findings);
    expect(findingsHash([{ ...findings[0], message: findings[0].message.replace('12-month', '36-month') }, findings[1]])).not.toBe(h);
    expect(findingsHash([{ ...findings[0], status: 'warn' }, findings[1]])).not.toBe(h);
    expect(findingsHash([findings[1], findings[0]])).not.toBe(h);
    expect(findingsHash([{ ...findings[1], message: '£12,500.01' }])).not.toBe(findingsHash([{ ...findings[1], message: '£12,500.00' }]));
    // Field boundaries count: the same characters split differently hash differently.
    expect(findingsHash([{ rule: 'MY-1', status: 'pass', message: 'ab' }])).not.toBe(findingsHash([{ rule: 'MY-1', status: 'passa', message: 'b' } as never]));
  });
});
