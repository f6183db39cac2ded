import { identifiersIn, matchesSql, publicWhere, searchFilter, SqlParams } from './public-filter.js';

describe('public filters', () => {
  it('reads identifiers out of a search text', () => {
    expect(identifiersIn('GB-CHC-1234567')).toEqual({ charityNumber: '1234567', companyNumber: null, orgId: 'GB-CHC-1234567', ownOrgRef: null });
    expect(identifiersIn('1234567')).toEqual({ charityNumber: '1234567', companyNumber: null, orgId: null, ownOrgRef: null }); // 01234567 is a dummy company number
    expect(identifiersIn('gb-coh-5123456')).toMatchObject({ companyNumber: '05123456', orgId: 'GB-COH-5123456' });
    expect(identifiersIn('360G-compact-ORG-0A1B2C3D-0000-4000-8000-00000000000F')).toMatchObject({ ownOrgRef: '0a1b2c3d-0000-4000-8000-00000000000f' });
    expect(identifiersIn('Bletchley Foodbank')).toEqual({ charityNumber: null, companyNumber: null, orgId: null, ownOrgRef: null });
  });

  it('always keeps to published awards and numbers its parameters in order', () => {
    const params = new SqlParams();
    const where = publicWhere({ directorateId: 'd', year: 2025, kind: 'grant' }, params);
    expect(where).toBe('a.published_at IS NOT NULL AND a.directorate_id = $1 AND a.award_date >= $2 AND a.award_date < $3 AND a.kind = $4');
    expect(params.values).toEqual(['d', '2025-04-01', '2026-04-01', 'grant']);
  });

  it('escapes LIKE wildcards in the search text and never matches an individual by title or name', () => {
    const params = new SqlParams();
    const sql = searchFilter('100%_off', params);
    expect(params.values[0]).toBe('%100\\%\\_off%');
    expect(sql).toContain("i.type = 'individual'");
    expect(sql).toContain("o.type <> 'individual'");
    const union = matchesSql({ q: 'x' }, new SqlParams());
    expect(union.match(/published_at IS NOT NULL/g)).toHaveLength(3);
    expect(union).toContain("r.type <> 'individual'");
  });
});
