#!/usr/bin/env node
// The one entry point behind `npm start`, `npm test`, `npm run demo` and `npm run bench`.
// Plain Node, no dependencies: it runs before node_modules exists.
//   1. installs dependencies (npm ci) when node_modules is missing or older than package-lock.json
//   2. makes sure PostgreSQL and Redis run (starts them; installs them with apt-get when absent)
//   3. builds, migrates (under an advisory lock), then runs the mode's command
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mode = process.argv[2] ?? 'start';
const extra = process.argv.slice(3);
const log = (msg) => console.log(`[setup] ${msg}`);

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    if (opts.allowFail) return false;
    console.error(`[setup] failed: ${cmd} ${args.join(' ')} (exit ${r.status ?? r.signal}); see the lines above`);
    process.exit(r.status ?? 1);
  }
  return true;
}
const quiet = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'ignore' }).status === 0;
const has = (cmd) => quiet('sh', ['-c', `command -v ${cmd}`]);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let aptUpdated = false;
function aptInstall(...packages) {
  if (!has('apt-get')) {
    console.error(`[setup] ${packages.join(', ')} missing and apt-get is not available: install them, then run again`);
    process.exit(1);
  }
  const sudo = process.getuid && process.getuid() !== 0 ? ['sudo'] : [];
  if (!aptUpdated) run(sudo[0] ?? 'apt-get', [...sudo.slice(1), ...(sudo.length ? ['apt-get'] : []), 'update', '-qq']);
  aptUpdated = true;
  log(`installing ${packages.join(' ')} with apt-get`);
  run(sudo[0] ?? 'apt-get', [...(sudo.length ? ['apt-get'] : []), 'install', '-y', '-qq', '--no-install-recommends', ...packages], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

function ensureDependencies() {
  const nm = join(root, 'node_modules');
  const lock = join(root, 'package-lock.json');
  const stamp = join(nm, '.package-lock.json');
  if (!existsSync(nm) || !existsSync(stamp) || statSync(stamp).mtimeMs < statSync(lock).mtimeMs) {
    log('installing dependencies (npm ci)');
    if (!run('npm', ['ci', '--no-audit', '--no-fund'], { allowFail: true })) {
      // npm ci refuses a lockfile that lacks other platforms' optional binaries (@swc/core-darwin-…),
      // which happens when the registry mirror does not carry them. npm install keeps the locked versions.
      log('npm ci refused the lockfile; installing the locked versions with npm install');
      run('npm', ['install', '--no-audit', '--no-fund']);
    }
  }
}

async function ensurePostgres() {
  const ready = () => quiet('pg_isready', ['-q', '-h', '127.0.0.1', '-p', '5432']);
  if (has('pg_isready') && ready()) return;
  if (!existsSync('/etc/postgresql') || readdirSync('/etc/postgresql').length === 0) aptInstall('postgresql', 'postgresql-client');
  const version = readdirSync('/etc/postgresql').sort().at(-1);
  log(`starting PostgreSQL ${version}`);
  run('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { allowFail: true });
  for (let i = 0; i < 30 && !ready(); i++) await sleep(500);
  if (!ready()) {
    console.error('[setup] PostgreSQL did not start on 127.0.0.1:5432; check its log under /var/log/postgresql');
    process.exit(1);
  }
  // Trust auth on loopback is how this machine is set up; a password-less postgres role must exist.
}

async function ensureRedis() {
  const ready = () => quiet('redis-cli', ['-h', '127.0.0.1', '-p', '6379', 'ping']);
  if (has('redis-cli') && ready()) return;
  if (!has('redis-server')) aptInstall('redis-server');
  log('starting Redis');
  run('redis-server', ['--daemonize', 'yes', '--bind', '127.0.0.1', '--port', '6379', '--save', '', '--appendonly', 'no'], { allowFail: true });
  for (let i = 0; i < 30 && !ready(); i++) await sleep(300);
  if (!ready()) {
    console.error('[setup] Redis did not start on 127.0.0.1:6379');
    process.exit(1);
  }
}

function ensureChromium() {
  if (existsSync('/usr/bin/chromium')) return;
  aptInstall('chromium', 'fonts-dejavu-core');
}

function build() {
  log('building');
  run('npm', ['run', '--silent', 'build']);
}

function migrate(env) {
  run('node', ['dist/libs/db/src/migrate.cli.js'], { env });
}

function startAll(env) {
  const procs = [
    spawn('node', ['dist/apps/api/src/main.js'], { cwd: root, stdio: 'inherit', env }),
    spawn('node', ['dist/apps/worker/src/main.js'], { cwd: root, stdio: 'inherit', env }),
  ];
  let stopping = false;
  const stop = (code) => {
    if (stopping) return;
    stopping = true;
    log('stopping API and worker');
    for (const p of procs) if (p.exitCode === null) p.kill('SIGTERM');
    setTimeout(() => process.exit(code), 10_000).unref();
    Promise.all(procs.map((p) => (p.exitCode !== null ? null : new Promise((r) => p.on('exit', r))))).then(() => process.exit(code));
  };
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
  for (const p of procs) p.on('exit', (code) => stop(code ?? 1));
}

async function main() {
  ensureDependencies();
  await ensurePostgres();
  await ensureRedis();
  const env = { ...process.env };
  if (mode === 'test') {
    env.NODE_ENV = 'test';
    env.DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/compact_test';
    env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'silent';
    ensureChromium();
  }
  build();
  if (mode === 'start') {
    migrate(env);
    return startAll(env);
  }
  if (mode === 'test') {
    log('type-checking (tsc --noEmit)');
    run('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
    log('checking for circular imports (dpdm)');
    run('npm', ['run', '--silent', 'lint:cycles']);
    migrate(env);
    log('checking that entities and migrations agree (typeorm migration:generate --check)');
    run('npx', ['typeorm', 'migration:generate', '--check', '-d', 'dist/libs/db/src/cli-data-source.js', 'migrations/Drift'], { env });
    env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings`.trim();
    return run('npx', ['jest', ...extra], { env });
  }
  if (mode === 'demo') {
    migrate(env);
    return run('node', ['dist/scripts/demo.js', ...extra], { env });
  }
  if (mode === 'bench') {
    return run('node', ['--expose-gc', 'dist/scripts/bench.js', ...extra], { env });
  }
  console.error(`[setup] unknown mode ${mode}: use start, test, demo or bench`);
  process.exit(1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
