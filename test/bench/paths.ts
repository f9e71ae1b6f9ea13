import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The repository root, whether this runs from test/bench (sources) or test/bench/dist (compiled). */
export const ROOT = fs.existsSync(path.join(here, '../../package.json')) ? path.resolve(here, '../..') : path.resolve(here, '../../..');
/** The compiled bench scripts (test/bench/dist). */
export const BENCH_DIST = path.join(ROOT, 'test/bench/dist');
export const ARTIFACTS = path.join(ROOT, 'test/artifacts');
