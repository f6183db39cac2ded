/**
 * `npm run bench` (= `node scripts/setup.mjs bench`, which builds, then runs
 * `node --expose-gc dist/scripts/bench.js [args]`). Results and the exact command line go to
 * BENCHMARKS.md; the harness and one module per benchmark live in bench/.
 *
 * The same file is the entry of the child processes that run measured steps (`--child`), so a
 * step's peak RSS is its own process's; the parent loads none of the product's modules for them.
 */
if (process.argv[2] === '--child') {
  const { childMain } = await import('../bench/harness/child.js');
  const { STEPS } = await import('../bench/steps.js');
  childMain(STEPS);
} else {
  const { main } = await import('../bench/main.js');
  try {
    await main(process.argv.slice(2));
    process.exit(0);
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}

export {};
