import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jobOutputDir, resolveOutputFile, writeOutputAtomically } from './output-files.js';
import { progressReporter } from './job-handler.js';

describe('job output files', () => {
  it('shows a file only once it is complete', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'out-'));
    await expect(
      writeOutputAtomically(dir, 'grants.csv', async (tmp) => {
        const { writeFile } = await import('node:fs/promises');
        await writeFile(tmp, 'half');
        throw new Error('worker killed');
      }),
    ).rejects.toThrow('worker killed');
    expect(await readdir(dir)).toEqual([]);
    const file = await writeOutputAtomically(dir, 'grants.csv', async (tmp) => {
      const { writeFile } = await import('node:fs/promises');
      await writeFile(tmp, 'a,b\n');
    });
    expect(file).toEqual({ name: 'grants.csv', bytes: 4 });
    expect(await readFile(join(dir, 'grants.csv'), 'utf8')).toBe('a,b\n');
  });

  it('never resolves a path outside the job folder or a file the job did not report', () => {
    const files = [{ name: 'grants.csv', bytes: 4 }];
    expect(resolveOutputFile('/srv/out', 'job-1', 'grants.csv', files)).toBe('/srv/out/job-1/grants.csv');
    expect(() => resolveOutputFile('/srv/out', 'job-1', '../../etc/passwd', files)).toThrow(/has no file called/);
    expect(() => resolveOutputFile('/srv/out', 'job-1', 'other.csv', files)).toThrow(/has no file called/);
    expect(() => jobOutputDir('/srv/out', '../x')).toThrow(/not a job id/);
  });

  it('reports progress in whole steps up to 100', async () => {
    const seen: number[] = [];
    const report = progressReporter({ progress: async (p) => void seen.push(p) }, 1000, 0, 100, 10);
    for (let i = 1; i <= 1000; i++) await report(i);
    expect(seen).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
  });
});
