import { readFileSync } from 'node:fs';
import { CLOSED_CODELISTS, GRANT_SCHEMA, PACKAGE_SCHEMA, givingDataPath, sharedDataDir } from './index.js';

const shipped = (name: string) => readFileSync(new URL(`../schema/${name}`, import.meta.url));

describe('shipped 360Giving schema', () => {
  it('resolves the shared data directory from SHARED_DATA_DIR, else ../shared/data', () => {
    const saved = process.env.SHARED_DATA_DIR;
    try {
      delete process.env.SHARED_DATA_DIR;
      expect(sharedDataDir()).toBe(new URL('../../../../shared/data', import.meta.url).pathname);
      process.env.SHARED_DATA_DIR = '/data/elsewhere';
      expect(givingDataPath('samples', 'bom.csv')).toBe('/data/elsewhere/360giving/samples/bom.csv');
    } finally {
      if (saved === undefined) delete process.env.SHARED_DATA_DIR;
      else process.env.SHARED_DATA_DIR = saved;
    }
  });

  it.each(['360-giving-schema.json', '360-giving-package-schema.json', 'codelists/regrantType.csv', 'codelists/locationScope.csv'])(
    '%s is a byte-for-byte copy of ../shared/data/360giving',
    (name) => {
      expect(shipped(name).equals(readFileSync(givingDataPath(name)))).toBe(true);
    },
  );

  it('the generated module holds the shipped schemas (re-run scripts/generate-schema-module.mjs if not)', () => {
    expect(GRANT_SCHEMA).toEqual(JSON.parse(shipped('360-giving-schema.json').toString('utf8')));
    expect(PACKAGE_SCHEMA).toEqual(JSON.parse(shipped('360-giving-package-schema.json').toString('utf8')));
    expect(GRANT_SCHEMA.$id).toBe('https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.3/schema/360-giving-schema.json');
  });

  it('carries the four closed codelists', () => {
    expect(Object.keys(CLOSED_CODELISTS)).toEqual(['grantToIndividualsPurpose.csv', 'grantToIndividualsReason.csv', 'locationScope.csv', 'regrantType.csv']);
    expect(CLOSED_CODELISTS['regrantType.csv'].map((entry) => entry.code)).toEqual(['FRG010', 'FRG020', 'FRG030', 'FRG040', 'FRG050', 'FRG060', 'FRG070']);
  });
});
