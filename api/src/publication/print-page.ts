import { INDUSTRIES, TRADES } from '../reference/trades.data.js';
import { REGIONS } from '../reference/regions.data.js';
import type { PublishedMonthRow } from '../stats/published-months.repository.js';

const TRADE_NAMES = new Map(TRADES.map((t) => [t.code, t.name]));
const REGION_NAMES = new Map(REGIONS.map((r) => [r.code, r.name]));

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const num = (x: number | null | undefined) => (x === null || x === undefined ? '—' : String(x));

interface Bar {
  label: string;
  value: number | null;
}

/** A horizontal bar chart in plain SVG (no script, no external resource): prints the same on any printer. */
export function barChart(title: string, bars: Bar[]): string {
  if (!bars.length) return `<p class="empty">${escape(title)}：本月无数据</p>`;
  const row = 26;
  const labelWidth = 140;
  const barWidth = 420;
  const max = Math.max(1, ...bars.map((b) => b.value ?? 0));
  const height = bars.length * row + 30;
  const rows = bars.map((b, i) => {
    const y = 24 + i * row;
    const w = b.value === null ? 0 : Math.round((b.value / max) * barWidth);
    return [
      `<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end">${escape(b.label)}</text>`,
      `<rect x="${labelWidth}" y="${y + 3}" width="${w}" height="16" fill="#2b6cb0"/>`,
      `<text x="${labelWidth + w + 6}" y="${y + 15}">${b.value === null ? '无求职者' : b.value.toFixed(2)}</text>`,
    ].join('');
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escape(title)}" width="${labelWidth + barWidth + 80}" height="${height}" font-size="13" font-family="sans-serif">`,
    `<text x="0" y="14" font-weight="bold">${escape(title)}</text>`,
    ...rows,
    `</svg>`,
  ].join('\n');
}

/** The printable page of a published month: tables and charts in Chinese, self-contained. */
export function printPage(row: PublishedMonthRow): string {
  const f = row.figures;
  const region = REGION_NAMES.get(row.regionCode) ?? row.regionCode;
  const industryName = (code: string) => INDUSTRIES[code]?.name ?? code;
  const tradeName = (code: string) => TRADE_NAMES.get(code) ?? code;
  const industryRows = f.byIndustry
    .map((r) => `<tr><td>${escape(industryName(r.industry))}</td><td>${r.demand}</td><td>${r.seekers}</td><td>${num(r.ratio)}</td></tr>`)
    .join('\n');
  const tradeRows = f.byTrade
    .map(
      (r) =>
        `<tr><td>${escape(tradeName(r.trade))}</td><td>${r.demand}</td><td>${r.seekers}</td><td>${num(r.ratio)}</td>` +
        `<td>${num(r.wage?.p10)}</td><td>${num(r.wage?.p25)}</td><td>${num(r.wage?.p50)}</td><td>${num(r.wage?.p75)}</td><td>${num(r.wage?.p90)}</td></tr>`,
    )
    .join('\n');
  const title = `${region} ${row.month} 零工市场求人倍率与工资价位`;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escape(title)}（第 ${row.version} 版）</title>
<style>
  body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 2em; color: #111; }
  table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
  th, td { border: 1px solid #999; padding: 0.25em 0.6em; text-align: right; }
  th:first-child, td:first-child { text-align: left; }
  .meta, .empty { color: #444; }
  @media print { body { margin: 1cm; } }
</style>
</head>
<body>
<h1>${escape(title)}</h1>
<p class="meta">地区代码 ${escape(row.regionCode)} · 第 ${row.version} 版 · 发布于 ${escape(row.publishedAt.toISOString())}（数据已冻结，更正以新版本发布）</p>
<h2>合计</h2>
<table>
<tr><th>需求人数（岗位）</th><th>求职人数</th><th>求人倍率</th></tr>
<tr><td>${f.total.demand}</td><td>${f.total.seekers}</td><td>${num(f.total.ratio)}</td></tr>
</table>
<h2>按行业（GB/T 4754）</h2>
${barChart(
  '求人倍率（按行业）',
  f.byIndustry.map((r) => ({ label: industryName(r.industry), value: r.ratio })),
)}
<table>
<tr><th>行业</th><th>需求人数</th><th>求职人数</th><th>求人倍率</th></tr>
${industryRows}
</table>
<h2>按工种</h2>
${barChart(
  '求人倍率（按工种）',
  f.byTrade.map((r) => ({ label: tradeName(r.trade), value: r.ratio })),
)}
<table>
<tr><th>工种</th><th>需求人数</th><th>求职人数</th><th>求人倍率</th><th>工资低位数 10%</th><th>25%</th><th>中位数 50%</th><th>75%</th><th>高位数 90%</th></tr>
${tradeRows}
</table>
<p class="meta">求人倍率 = 需求人数 ÷ 求职人数（无求职者时不计算）；工资价位为当月成交的日工资（元/日，按小时计的折算为日工资）。</p>
</body>
</html>
`;
}
