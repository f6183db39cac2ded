import { describeRejectedImport, parseImportFailure, REJECTED_LIST_CAP, RejectedRows, type ImportResult } from './import-report.js';

const result = (over: Partial<ImportResult>): ImportResult => ({
  file: 'grants.csv', mode: 'all-or-nothing', format: 'csv', encoding: 'utf-8', sheet: null, unknownColumns: [], rows: 10,
  created: 0, updated: 0, unchanged: 0, rejected: [], rejectedCount: 0, rejectedRows: 0, fundersCreated: 0, directoratesCreated: 0, organisationsCreated: 0,
  ...over,
});

describe('import reports', () => {
  it('lists the first problems in file order, counts them all, and cuts very long values', () => {
    const rejected = new RejectedRows();
    rejected.add([{ row: 9, field: 'Title', value: 'x'.repeat(400), reason: 'is too long' }]);
    rejected.add([]);
    rejected.add([{ row: 3, field: 'Amount Awarded', value: 'abc', reason: 'must be a number' }, { row: 3, field: 'Award Date', value: null, reason: 'is required' }]);
    for (let i = 0; i < REJECTED_LIST_CAP + 5; i++) rejected.add([{ row: 100 + i, field: 'Identifier', value: null, reason: 'is required' }]);
    expect(rejected.rows).toBe(REJECTED_LIST_CAP + 7);
    expect(rejected.count).toBe(REJECTED_LIST_CAP + 8);
    const list = rejected.list();
    expect(list).toHaveLength(REJECTED_LIST_CAP);
    expect(list.slice(0, 3).map((e) => [e.row, e.field])).toEqual([[3, 'Amount Awarded'], [3, 'Award Date'], [9, 'Title']]);
    expect(list[2].value).toBe(`${'x'.repeat(300)}…`);
  });

  it('says what failed, the first problems and what to do, with the report as JSON on the second line', () => {
    const failed = result({
      rows: 4, rejectedCount: 4, rejectedRows: 2,
      rejected: [
        { row: 2, field: 'Amount Awarded', value: 'abc', reason: 'must be a number' },
        { row: 2, field: 'Award Date', value: null, reason: 'is required' },
        { row: 5, field: 'Currency', value: 'USD', reason: 'must be GBP' },
        { row: 5, field: 'Title', value: '', reason: 'is required (it is blank)' },
      ],
    });
    const message = describeRejectedImport(failed);
    expect(message.split('\n')[0]).toBe(
      'Nothing was imported from grants.csv (mode all-or-nothing): 2 of its 4 grants have problems. row 2, Amount Awarded "abc": must be a number; ' +
        'row 2, Award Date empty: is required; row 5, Currency "USD": must be GBP (and 1 more). What to do: correct these rows and upload the file again, ' +
        'or import it with mode=valid-rows to load the 2 good rows and list the others.',
    );
    expect(parseImportFailure(message)).toEqual(failed);
    expect(describeRejectedImport(result({ format: 'json', rows: 1, rejectedCount: 1, rejectedRows: 1, rejected: [{ row: 0, field: 'id', value: 7, reason: 'must be text' }] })).split('\n')[0]).toBe(
      'Nothing was imported from grants.csv (mode all-or-nothing): 1 of its 1 grant has problems. grants[0], id 7: must be text. What to do: correct these rows and upload the file again.',
    );
    expect(parseImportFailure('the database is unreachable')).toBeNull();
  });
});
