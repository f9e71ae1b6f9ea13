import { Prisma } from '../database/prisma.js';

/**
 * The rows of the figures' rollups for the China days [from, to) (YYYY-MM-DD), computed from the base tables.
 * The rollup job inserts exactly these rows for closed days; queries read them live for today, so the two can
 * never count differently (docs/figures.md).
 */
export interface DaySpan {
  from: string;
  to: string;
}

const CHINA_DAY = (column: Prisma.Sql) => Prisma.sql`((${column}) + interval '8 hours')::date`;
const FROM_TS = (span: DaySpan) => Prisma.sql`(${span.from}::date - interval '8 hours')`;
const TO_TS = (span: DaySpan) => Prisma.sql`(${span.to}::date - interval '8 hours')`;
const inSpan = (column: Prisma.Sql, span: DaySpan) => Prisma.sql`${column} >= ${FROM_TS(span)} AND ${column} < ${TO_TS(span)}`;
/**
 * The market a shift counts for: the one it was posted at, else the nearest market of the region it was given
 * at posting (that is the nearest market whose reach covers it: shifts.service takes its region from there).
 * Phone posts carry no market, and the officer's map would otherwise show them nowhere.
 */
const SHIFT_MARKET = Prisma.sql`COALESCE(s."marketId", (
    SELECT m.id FROM "Market" m WHERE m."regionCode" = s."regionCode"
    ORDER BY (m.lat - s.lat) ^ 2 + ((m.lng - s.lng) * cos(radians(s.lat))) ^ 2 LIMIT 1), '')`;
const PLACE = Prisma.sql`${SHIFT_MARKET} AS "marketId", COALESCE(s."regionCode", '') AS "regionCode", s.trade`;
const HIRED = Prisma.sql`a.status IN ('hired', 'completed')`;

/** A wage as a day wage (formula.ts `dayWage`): hourly times the hours, piece rates none. */
function dayWageSql(amount: Prisma.Sql, unit: Prisma.Sql, startsAt: Prisma.Sql, endsAt: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`CASE ${unit}::text WHEN 'day' THEN ${amount}
    WHEN 'hour' THEN round(${amount} * (EXTRACT(EPOCH FROM (${endsAt} - ${startsAt})) / 3600.0), 2) END`;
}
const AGREED_WAGE = dayWageSql(Prisma.sql`a."wageAmount"`, Prisma.sql`a."wageUnit"`, Prisma.sql`a."startsAt"`, Prisma.sql`a."endsAt"`);
const POSTED_WAGE = dayWageSql(Prisma.sql`s."wageAmount"`, Prisma.sql`s."wageUnit"`, Prisma.sql`s."startsAt"`, Prisma.sql`s."endsAt"`);

/** FigureDay: shifts, positions, hires, cancels and offers per (day, market, region, trade). */
export function dayRowsSql(span: DaySpan): Prisma.Sql {
  return Prisma.sql`(
    SELECT day, "marketId", "regionCode", trade,
      SUM(shifts)::int AS "shiftsPosted", SUM(posted)::int AS "positionsPosted", SUM(filled)::int AS "positionsFilled",
      SUM(hires)::int AS hires, SUM(assisted)::int AS "assistedHires", SUM(late)::int AS "lateCancels",
      SUM(noshow)::int AS "noShows", SUM(offers)::int AS offers
    FROM (
      SELECT ${CHINA_DAY(Prisma.sql`s."createdAt"`)} AS day, ${PLACE}, 1 AS shifts,
        CASE WHEN s.status <> 'cancelled' THEN s.headcount ELSE 0 END AS posted,
        CASE WHEN s.status <> 'cancelled' THEN LEAST(s.filled, s.headcount) ELSE 0 END AS filled,
        0 AS hires, 0 AS assisted, 0 AS late, 0 AS noshow, 0 AS offers
      FROM "Shift" s WHERE ${inSpan(Prisma.sql`s."createdAt"`, span)}
      UNION ALL
      SELECT ${CHINA_DAY(Prisma.sql`a."createdAt"`)}, ${PLACE}, 0, 0, 0,
        (${HIRED})::int, (${HIRED} AND a."assistedVia" IS NOT NULL)::int, a."lateCancel"::int,
        (a.status = 'no_show')::int, 0
      FROM "Assignment" a JOIN "Shift" s ON s.id = a."shiftId" WHERE ${inSpan(Prisma.sql`a."createdAt"`, span)}
      UNION ALL
      SELECT o.day, ${PLACE}, 0, 0, 0, 0, 0, 0, 0, o.n
      FROM (SELECT ${CHINA_DAY(Prisma.sql`"createdAt"`)} AS day, "shiftId", COUNT(*)::int AS n FROM "Offer"
            WHERE ${inSpan(Prisma.sql`"createdAt"`, span)} GROUP BY 1, 2) o
      JOIN "Shift" s ON s.id = o."shiftId"
    ) x GROUP BY day, "marketId", "regionCode", trade
  )`;
}

/** FigureWage: agreed day wages of hires and posted day wages of shifts (not cancelled), as counts per wage. */
export function wageRowsSql(span: DaySpan): Prisma.Sql {
  return Prisma.sql`(
    SELECT day, "marketId", "regionCode", trade, kind, wage, COUNT(*)::int AS n FROM (
      SELECT ${CHINA_DAY(Prisma.sql`a."createdAt"`)} AS day, ${PLACE}, 'agreed' AS kind, ${AGREED_WAGE} AS wage
      FROM "Assignment" a JOIN "Shift" s ON s.id = a."shiftId"
      WHERE ${inSpan(Prisma.sql`a."createdAt"`, span)} AND ${HIRED}
      UNION ALL
      SELECT ${CHINA_DAY(Prisma.sql`s."createdAt"`)}, ${PLACE}, 'posted', ${POSTED_WAGE}
      FROM "Shift" s WHERE ${inSpan(Prisma.sql`s."createdAt"`, span)} AND s.status <> 'cancelled'
    ) x WHERE wage IS NOT NULL GROUP BY day, "marketId", "regionCode", trade, kind, wage
  )`;
}

/** FigureFill: whole minutes from a shift's posting to each of its hires. */
export function fillRowsSql(span: DaySpan): Prisma.Sql {
  return Prisma.sql`(
    SELECT day, "marketId", "regionCode", trade, minutes, COUNT(*)::int AS n FROM (
      SELECT ${CHINA_DAY(Prisma.sql`a."createdAt"`)} AS day, ${PLACE},
        GREATEST(0, floor(EXTRACT(EPOCH FROM (a."createdAt" - s."createdAt")) / 60))::int AS minutes
      FROM "Assignment" a JOIN "Shift" s ON s.id = a."shiftId"
      WHERE ${inSpan(Prisma.sql`a."createdAt"`, span)} AND ${HIRED}
    ) x GROUP BY day, "marketId", "regionCode", trade, minutes
  )`;
}

/** FigureGroupDay: hires and day-wage earnings per priority group of the worker hired. */
export function groupRowsSql(span: DaySpan): Prisma.Sql {
  return Prisma.sql`(
    SELECT ${CHINA_DAY(Prisma.sql`a."createdAt"`)} AS day, ${SHIFT_MARKET} AS "marketId",
      COALESCE(s."regionCode", '') AS "regionCode", w.priority::text AS grp,
      COUNT(*)::int AS hires, COALESCE(SUM(${AGREED_WAGE}), 0)::numeric(14, 2) AS earnings
    FROM "Assignment" a JOIN "Shift" s ON s.id = a."shiftId" JOIN "WorkerProfile" w ON w.id = a."workerId"
    WHERE ${inSpan(Prisma.sql`a."createdAt"`, span)} AND ${HIRED}
    GROUP BY 1, 2, 3, 4
  )`;
}

/**
 * FigureSeeker: each worker once per day, trade and region where they registered (with their trades) or
 * waited; the market is the worker's home market; `hired` when they were hired (anywhere) that day.
 */
export function seekerRowsSql(span: DaySpan): Prisma.Sql {
  return Prisma.sql`(
    SELECT sk.day, sk."workerId", sk.trade, sk."regionCode", COALESCE(w."homeMarketId", '') AS "marketId",
      w.priority::text AS grp, (h."workerId" IS NOT NULL) AS hired
    FROM (
      SELECT ${CHINA_DAY(Prisma.sql`"createdAt"`)} AS day, id AS "workerId", unnest(trades) AS trade,
        COALESCE("regionCode", '') AS "regionCode"
      FROM "WorkerProfile" WHERE ${inSpan(Prisma.sql`"createdAt"`, span)}
      UNION
      SELECT day, "workerId", trade, COALESCE("regionCode", '') FROM "WaitingDay"
      WHERE day >= ${span.from}::date AND day < ${span.to}::date
    ) sk
    JOIN "WorkerProfile" w ON w.id = sk."workerId"
    LEFT JOIN (
      SELECT DISTINCT ${CHINA_DAY(Prisma.sql`a."createdAt"`)} AS day, a."workerId" FROM "Assignment" a
      WHERE ${inSpan(Prisma.sql`a."createdAt"`, span)} AND ${HIRED}
    ) h ON h.day = sk.day AND h."workerId" = sk."workerId"
  )`;
}

/** The rollup tables and the rows each is built from. */
export const DAY_TABLES = [
  { table: 'FigureDay', rows: dayRowsSql },
  { table: 'FigureWage', rows: wageRowsSql },
  { table: 'FigureFill', rows: fillRowsSql },
  { table: 'FigureGroupDay', rows: groupRowsSql },
  { table: 'FigureSeeker', rows: seekerRowsSql },
] as const;

export type DayTable = (typeof DAY_TABLES)[number]['table'];
