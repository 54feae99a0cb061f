// Prints one closing line, `Tests: N passed, N failed, N skipped`, from Vitest's JSON report,
// after the names of the failed tests (CI's log is often read only from its tail).
import fs from 'node:fs';

const file = process.argv[2] ?? 'test-results/vitest.json';
if (!fs.existsSync(file)) {
  console.log('Tests: 0 passed, 1 failed');
  console.error(`no test report at ${file}`);
  process.exit(1);
}
const report = JSON.parse(fs.readFileSync(file, 'utf8'));
for (const suite of report.testResults ?? []) {
  for (const test of suite.assertionResults ?? []) {
    if (test.status !== 'failed') continue;
    const where = suite.name ? suite.name.replace(`${process.cwd()}/`, '') : '?';
    const why = (test.failureMessages?.[0] ?? '').split('\n')[0].slice(0, 300);
    console.log(`FAILED ${where} > ${test.fullName ?? test.title}\n  ${why}`);
  }
}
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
console.log(
  `Tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`,
);
process.exit(report.numFailedTests === 0 && report.numTotalTests > 0 ? 0 : 1);
