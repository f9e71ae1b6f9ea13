import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, whether this runs from test/bench (sources) or test/bench/dist/bench (compiled). */
export const ROOT = (() => {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'api'))) return dir;
    if (path.dirname(dir) === dir) throw new Error('the repository root was not found above the bench');
  }
})();
/** The compiled bench scripts (tsc's rootDir is test/, so test/bench compiles to test/bench/dist/bench). */
export const BENCH_DIST = path.join(ROOT, 'test/bench/dist/bench');
export const ARTIFACTS = path.join(ROOT, 'test/artifacts');
