/** Chart options and styles, without ECharts itself (which loads with the first chart). */
import type { EChartsCoreOption } from 'echarts/core';

export type ChartOption = EChartsCoreOption;

/** Big, legible text on an office screen: the console's own font and sizes. */
export const CHART_TEXT = {
  fontFamily: "system-ui, 'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif",
  fontSize: 16,
  color: '#151515',
};

export const COLORS = {
  primary: '#c2410c',
  second: '#1d4ed8',
  good: '#166534',
  warn: '#b45309',
  bad: '#b91c1c',
  muted: '#8a8178',
};
