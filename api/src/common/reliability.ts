/**
 * Reliability from a worker's record, with a prior of 4 good shifts so a newcomer starts
 * at 1 and one early no-show does not ruin them. Declines never count against a worker.
 */
export function reliabilityOf(record: { completedCount: number; lateCancelCount: number; noShowCount: number }): number {
  const good = record.completedCount + 4;
  const bad = record.lateCancelCount + 2 * record.noShowCount;
  return good / (good + bad);
}
