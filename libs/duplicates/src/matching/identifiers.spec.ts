import { normaliseIdentifiers } from '@app/common';
import { compareIdentifiers, identifierKeys } from './identifiers.js';

const ids = (raw: { charityNumber?: string; companyNumber?: string; orgId?: string }) => normaliseIdentifiers(raw);

describe('compareIdentifiers', () => {
  it('finds equal charity numbers however they are written', () => {
    expect(compareIdentifiers(ids({ charityNumber: '1234567' }), ids({ charityNumber: 'GB-CHC-1234567' }))).toEqual({ equal: ['charity number 1234567 on both'], conflicting: [] });
    expect(compareIdentifiers(ids({ charityNumber: ' 1234567 ' }), ids({ orgId: 'gb-chc-1234567' }))).toEqual({ equal: ['charity number 1234567 on both'], conflicting: [] });
  });

  it('finds equal company numbers with or without leading zeros', () => {
    expect(compareIdentifiers(ids({ companyNumber: '5123456' }), ids({ companyNumber: '05123456' }))).toEqual({ equal: ['company number 05123456 on both'], conflicting: [] });
    expect(compareIdentifiers(ids({ companyNumber: '5123456' }), ids({ orgId: 'GB-COH-05123456' }))).toEqual({ equal: ['company number 05123456 on both'], conflicting: [] });
  });

  it('reports different numbers in one scheme as a conflict', () => {
    expect(compareIdentifiers(ids({ charityNumber: '1100001' }), ids({ charityNumber: '1100002' }))).toEqual({ equal: [], conflicting: ['charity numbers differ: 1100001 vs 1100002'] });
  });

  it('says nothing when the two records use different schemes', () => {
    expect(compareIdentifiers(ids({ charityNumber: '1100001' }), ids({ companyNumber: '05123456' }))).toEqual({ equal: [], conflicting: [] });
    expect(compareIdentifiers(ids({ charityNumber: '1100001' }), ids({ charityNumber: 'SC012345' }))).toEqual({ equal: [], conflicting: [] });
  });

  it('compares other org-id registers, but never takes two different 360G ids as a conflict', () => {
    expect(compareIdentifiers(ids({ orgId: 'GB-EDU-110123' }), ids({ orgId: 'gb-edu-110123' }))).toEqual({ equal: ['org-id GB-EDU-110123 on both'], conflicting: [] });
    expect(compareIdentifiers(ids({ orgId: 'GB-EDU-110123' }), ids({ orgId: 'GB-EDU-110999' }))).toEqual({ equal: [], conflicting: ['org-ids differ: GB-EDU-110123 vs GB-EDU-110999'] });
    expect(compareIdentifiers(ids({ orgId: '360G-MKC-ORG-1' }), ids({ orgId: '360G-MKC-ORG-1' }))).toEqual({ equal: ['org-id 360G-MKC-ORG-1 on both'], conflicting: [] });
    expect(compareIdentifiers(ids({ orgId: '360G-MKC-ORG-1' }), ids({ orgId: '360G-BEDS-77' }))).toEqual({ equal: [], conflicting: [] });
  });
});

describe('identifierKeys', () => {
  it('gives one blocking key per identifier, the same for every way of writing it', () => {
    expect(identifierKeys(ids({ charityNumber: 'GB-CHC-1234567', companyNumber: '5123456' }))).toEqual(['id:GB-CHC:1234567', 'id:GB-COH:05123456']);
    expect(identifierKeys(ids({ orgId: 'GB-CHC-1234567' }))).toEqual(['id:GB-CHC:1234567']);
  });
});
