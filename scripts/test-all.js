// `npm test`: typecheck, lint, format, unit + integration (Vitest, incl. the real-KDC lab suites,
// which skip with a printed reason where the lab packages are missing), then end-to-end
// (Playwright in Debian's Chromium through the web harness). Stops at the first failing
// stage and ends with one line: `N passed, N failed, N skipped`, naming what the Kerberos lab
// misses when its suites skipped.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const run = (label, command, args) => {
  console.log(`\n=== ${label}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  return result.status ?? 1;
};

/**
 * Why the Kerberos lab suites skip, if they do: what e2e/lab/kdc.ts says is missing, and the
 * optional kerberos package. Empty when the lab can run.
 */
const labSkipReason = () => {
  const missing = [];
  const check = spawnSync(
    'npx',
    [
      'tsx',
      '-e',
      "import('./e2e/lab/kdc.ts').then((lab) => process.stdout.write(lab.labPackagesMissing().join(', ')))",
    ],
    { encoding: 'utf8' },
  );
  if (check.status === 0 && check.stdout.trim()) missing.push(check.stdout.trim());
  try {
    createRequire(import.meta.url).resolve('kerberos');
  } catch {
    missing.push('kerberos (npm, optional dependency)');
  }
  return missing.length > 0 ? ` (the Kerberos lab suites skipped: missing ${missing.join(', ')})` : '';
};

const counts = { passed: 0, failed: 0, skipped: 0 };
const finish = (code) => {
  const why = counts.skipped > 0 ? labSkipReason() : '';
  console.log(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped${why}`);
  process.exit(code);
};

rmSync('test-results', { recursive: true, force: true });
for (const [label, args] of [
  ['typecheck', ['tsc', '-b']],
  ['lint', ['eslint', '.', '--max-warnings', '0']],
  [
    'format (prettier --check; `npm run format` fixes it)',
    ['prettier', '--check', '.', '--log-level', 'warn'],
  ],
]) {
  if (run(label, 'npx', args) !== 0) finish(1);
}

const unit = run('unit and integration (vitest)', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile=test-results/vitest.json',
]);
if (existsSync('test-results/vitest.json')) {
  const report = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
  counts.passed += report.numPassedTests ?? 0;
  counts.failed += report.numFailedTests ?? 0;
  counts.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}
if (unit !== 0) finish(1);

if (!process.env.CHROMIUM_PATH && !existsSync('/usr/bin/chromium')) {
  console.log(
    '\n=== end-to-end: skipped: no Chromium at /usr/bin/chromium (apt-get install chromium, or set CHROMIUM_PATH)',
  );
  finish(process.env.CI ? 1 : 0);
}
const e2e = run('end-to-end (playwright, chromium, web harness)', 'npm', ['run', '-s', 'test:e2e']);
if (existsSync('test-results/e2e.json')) {
  const report = JSON.parse(readFileSync('test-results/e2e.json', 'utf8'));
  counts.passed += report.stats?.expected ?? 0;
  counts.failed += (report.stats?.unexpected ?? 0) + (report.stats?.flaky ?? 0);
  counts.skipped += report.stats?.skipped ?? 0;
}
finish(e2e === 0 ? 0 : 1);
