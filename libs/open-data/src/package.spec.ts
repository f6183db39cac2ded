import { funderFileStem, packageJsonChunks, toPackage } from './package.js';
import { toGrant } from './to-grant.js';
import { makeAward, makeIndividualAward, PUBLISH_SETTINGS } from './testing/award.factory.js';
import type { PublishedGrant } from './grant.types.js';

async function text(chunks: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const chunk of chunks) out += chunk;
  return out;
}

describe('toPackage', () => {
  it('wraps grants as { grants } and puts permitted metadata before them', () => {
    const grant = toGrant(makeAward(), PUBLISH_SETTINGS);

    expect(toPackage([grant])).toEqual({ grants: [grant] });
    expect(Object.keys(toPackage([grant], { version: '1.4', license: 'https://creativecommons.org/licenses/by/4.0/' }))).toEqual([
      'version',
      'license',
      'grants',
    ]);
  });
});

describe('packageJsonChunks', () => {
  const grants = [toGrant(makeAward(), PUBLISH_SETTINGS), toGrant(makeIndividualAward(), PUBLISH_SETTINGS)];

  it('streams the same package JSON.stringify would build, from an array', async () => {
    const json = await text(packageJsonChunks(grants, { publisher: { name: 'Milton Keynes City Council', identifier: 'GB-LAE-MIK' } }));

    expect(JSON.parse(json)).toEqual(
      toPackage(grants, { publisher: { name: 'Milton Keynes City Council', identifier: 'GB-LAE-MIK' } }),
    );
    expect(json.startsWith('{"publisher":{"name":"Milton Keynes City Council","identifier":"GB-LAE-MIK"},"grants":[\n{"id":"360G-mkcouncil-ASC-2025-017"')).toBe(true);
  });

  it('streams from an async source one grant per chunk', async () => {
    async function* source(): AsyncGenerator<PublishedGrant> {
      yield* grants;
    }
    const chunks: string[] = [];
    for await (const chunk of packageJsonChunks(source())) chunks.push(chunk);

    expect(chunks).toEqual(['{"grants":[', `\n${JSON.stringify(grants[0])}`, `,\n${JSON.stringify(grants[1])}`, '\n]}\n']);
    expect(JSON.parse(chunks.join(''))).toEqual({ grants });
  });

  it('writes parseable JSON for an empty selection (which the schema then rejects for minItems)', async () => {
    expect(JSON.parse(await text(packageJsonChunks([])))).toEqual({ grants: [] });
  });
});

describe('funderFileStem', () => {
  it.each([
    ['GB-LAE-MIK', 'grants-GB-LAE-MIK'],
    ['GB-NHS-QHG', 'grants-GB-NHS-QHG'],
    [' 360G-mkcouncil ', 'grants-360G-mkcouncil'],
    ['GB-GOV/../x y', 'grants-GB-GOV_.._x_y'],
  ])('names the file of funder %p %p', (orgId, stem) => {
    expect(funderFileStem(orgId)).toBe(stem);
  });
});
