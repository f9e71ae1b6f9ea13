/** ECharts options for the officer's figures: kept apart from the screens so each stays short. */
import type { MonthTrends, FloorFigures, WageLevels } from '@linggong/protocol';
import { COLORS, type ChartOption } from './chart-style.js';
import { t } from './i18n.svelte.js';

const AXIS_LABEL = { fontSize: 16 };
const TOOLTIP = { trigger: 'axis', textStyle: { fontSize: 16 } };

/** 求人倍率 as horizontal bars, one per row, with 1.0 (as many jobs as seekers) marked. */
export function ratioBars(rows: Array<{ name: string; ratio: number | null }>): ChartOption {
  const shown = [...rows].reverse();
  return {
    tooltip: TOOLTIP,
    grid: { left: 8, right: 48, top: 8, bottom: 24, containLabel: true },
    xAxis: { type: 'value', axisLabel: AXIS_LABEL },
    yAxis: { type: 'category', data: shown.map((r) => r.name), axisLabel: { ...AXIS_LABEL, width: 180, overflow: 'truncate' } },
    series: [
      {
        type: 'bar',
        name: t('fig.ratio'),
        data: shown.map((r) => r.ratio),
        itemStyle: { color: COLORS.primary },
        label: {
          show: true,
          position: 'right',
          fontSize: 14,
          formatter: ({ value }: { value: number | null }) => (value === null ? '—' : value.toFixed(2)),
        },
      },
    ],
  };
}

const box = (w: WageLevels | null | undefined) => (w ? [w.p10, w.p25, w.p50, w.p75, w.p90] : []);

/** 工资价位 as box plots (p10, p25, median, p75, p90): agreed wages of hires beside posted wages. */
export function wageBoxes(rows: Array<{ name: string; wage: WageLevels | null; postedWage?: WageLevels | null }>): ChartOption {
  return {
    tooltip: { trigger: 'item', textStyle: { fontSize: 16 } },
    legend: { top: 0, textStyle: { fontSize: 16 } },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { ...AXIS_LABEL, interval: 0, rotate: rows.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', name: t('fig.yuanPerDay'), axisLabel: AXIS_LABEL, scale: true },
    series: [
      {
        type: 'boxplot',
        name: t('fig.agreedWage'),
        data: rows.map((r) => box(r.wage)),
        itemStyle: { color: '#ffe3cc', borderColor: COLORS.primary, borderWidth: 2 },
      },
      {
        type: 'boxplot',
        name: t('fig.postedWage'),
        data: rows.map((r) => box(r.postedWage)),
        itemStyle: { color: '#dbe4ff', borderColor: COLORS.second, borderWidth: 2 },
      },
    ],
  };
}

/** Demand and seekers as bars, 求人倍率 as a line on its own axis, along months or days. */
export function trendChart(points: Array<{ label: string; demand: number; seekers: number; ratio: number | null }>): ChartOption {
  return {
    tooltip: TOOLTIP,
    legend: { top: 0, textStyle: { fontSize: 16 } },
    grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: points.map((p) => p.label), axisLabel: AXIS_LABEL },
    yAxis: [
      { type: 'value', name: t('fig.people'), axisLabel: AXIS_LABEL },
      { type: 'value', name: t('fig.ratio'), axisLabel: AXIS_LABEL, splitLine: { show: false } },
    ],
    series: [
      { type: 'bar', name: t('fig.demand'), data: points.map((p) => p.demand), itemStyle: { color: COLORS.primary }, barMaxWidth: 28 },
      { type: 'bar', name: t('fig.seekers'), data: points.map((p) => p.seekers), itemStyle: { color: COLORS.second }, barMaxWidth: 28 },
      {
        type: 'line',
        name: t('fig.ratio'),
        yAxisIndex: 1,
        data: points.map((p) => p.ratio),
        lineStyle: { width: 3 },
        itemStyle: { color: COLORS.good },
        connectNulls: false,
      },
    ],
  };
}

export function monthPoints(trends: MonthTrends) {
  return trends.months.map((m) => ({ label: m.month, demand: m.demand, seekers: m.seekers, ratio: m.ratio }));
}

export function dayPoints(trends: MonthTrends) {
  return trends.days.map((d) => ({ label: d.date.slice(8), demand: d.demand, seekers: d.seekers, ratio: d.ratio }));
}

/** 兜底: each priority group's share of those waiting against its share of hires and earnings. */
export function floorBars(floor: FloorFigures, groupName: (g: string) => string): ChartOption {
  const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
  return {
    tooltip: TOOLTIP,
    legend: { top: 0, textStyle: { fontSize: 16 } },
    grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: floor.groups.map((g) => groupName(g.group)), axisLabel: AXIS_LABEL },
    yAxis: { type: 'value', name: '%', axisLabel: AXIS_LABEL },
    series: [
      { type: 'bar', name: t('fig.waitingShare'), data: floor.groups.map((g) => pct(g.waitingShare)), itemStyle: { color: COLORS.muted } },
      { type: 'bar', name: t('fig.hireShare'), data: floor.groups.map((g) => pct(g.hireShare)), itemStyle: { color: COLORS.primary } },
      { type: 'bar', name: t('fig.earningsShare'), data: floor.groups.map((g) => pct(g.earningsShare)), itemStyle: { color: COLORS.good } },
    ],
  };
}
