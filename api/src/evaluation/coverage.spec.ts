import { describe, expect, test } from '@jest/globals';
import { uncoveredCells } from './coverage.js';

describe('uncovered cells', () => {
  const market = { id: 'm', lat: 36.005, lng: 103.005 };

  test('demand within the radius of a market is covered; the rest is listed, most positions first', () => {
    const cells = uncoveredCells(
      [
        { lat: 36.001, lng: 103.001, shifts: 1, positions: 9 }, // beside the market
        { lat: 36.101, lng: 103.001, shifts: 1, positions: 2 }, // about 11 km north
        { lat: 36.102, lng: 103.002, shifts: 1, positions: 1 }, // same cell
        { lat: 36.301, lng: 103.001, shifts: 1, positions: 5 }, // about 33 km north
        { lat: 36.101, lng: 103.001, shifts: 0, positions: 0, workerId: 'w1' },
        { lat: 36.105, lng: 103.005, shifts: 0, positions: 0, workerId: 'w1' },
        { lat: 36.105, lng: 103.005, shifts: 0, positions: 0, workerId: 'w2' },
      ],
      [market],
      3,
    );
    expect(cells.map((c) => [c.lat, c.lng, c.shifts, c.positions, c.waitingWorkers, c.nearestMarketId])).toEqual([
      [36.305, 103.005, 1, 5, 0, 'm'],
      [36.105, 103.005, 2, 3, 2, 'm'],
    ]);
    expect(cells[1].nearestMarketKm).toBeCloseTo(11.1, 0);
  });

  test('with no market at all every cell is uncovered and has no nearest market', () => {
    const [cell] = uncoveredCells([{ lat: 36.001, lng: 103.001, shifts: 1, positions: 1 }], [], 3);
    expect(cell).toMatchObject({ nearestMarketKm: null, nearestMarketId: null });
  });
});
