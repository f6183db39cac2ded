import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findAssetsDir } from './console-assets.js';
import { sameSecret } from './session-cookie.js';

const here = dirname(fileURLToPath(import.meta.url));

describe('console assets and secrets', () => {
  it('finds libs/console/assets from the sources and from a build folder under the checkout, whatever the cwd', () => {
    const repo = join(here, '..', '..', '..');
    expect(findAssetsDir(here)).toBe(join(repo, 'libs', 'console', 'assets'));
    expect(findAssetsDir(join(repo, 'dist', 'libs', 'console', 'src'))).toBe(join(repo, 'libs', 'console', 'assets'));
    expect(existsSync(join(findAssetsDir(here), 'app.js'))).toBe(true);
  });

  it('says what is missing when the files are not there', () => {
    const lonely = mkdtempSync(join(tmpdir(), 'console-assets-'));
    mkdirSync(join(lonely, 'dist'));
    writeFileSync(join(lonely, 'dist', 'x.js'), '');
    expect(() => findAssetsDir(join(lonely, 'dist'))).toThrow(/the console's files \(libs\/console\/assets\/console\.html\) were not found above .*: run from a full checkout/);
  });

  it('compares secrets whole', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abd')).toBe(false);
    expect(sameSecret('abc', 'abcd')).toBe(false);
    expect(sameSecret('', 'abc')).toBe(false);
  });
});
