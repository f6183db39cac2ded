import { paymentsOf } from './compliance-subjects.reader.js';

describe('paymentsOf', () => {
  it('reads the payments the award query joins, in order, paid or not', () => {
    expect(paymentsOf('2025-04-01 250000 2025-04-03,2025-10-01 12345678901234')).toEqual([
      { dueDate: '2025-04-01', amountPence: 250000n, paidDate: '2025-04-03' },
      { dueDate: '2025-10-01', amountPence: 12345678901234n, paidDate: null },
    ]);
  });

  it('gives none for an award without payments', () => {
    expect(paymentsOf(null)).toEqual([]);
  });
});
