#!/usr/bin/env node
// CI: `npm audit --audit-level=high`. A high or critical advisory fails the run. When the registry in use
// has no audit service (it answers the bulk-advisory request with an HTTP error), that is said loudly and
// the run goes on: no answer is not a finding, and it is not a pass either.
import { spawnSync } from 'node:child_process';

const run = spawnSync('npm', ['audit', '--audit-level=high', '--json'], { encoding: 'utf8' });
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  console.error(run.stdout, run.stderr);
  process.exit(run.status ?? 1);
}
if (report.statusCode && !report.metadata) {
  console.warn(`npm audit: the registry's audit service did not answer (${report.message}); NOT AUDITED`);
  process.exit(0);
}
const { high = 0, critical = 0 } = report.metadata?.vulnerabilities ?? {};
console.log(`npm audit: ${high} high, ${critical} critical`);
if (high + critical > 0) {
  spawnSync('npm', ['audit', '--audit-level=high'], { stdio: 'inherit' });
  process.exit(1);
}
