/**
 * Apache ECharts, only the parts the officer screens draw (bars, lines, box plots on a canvas),
 * so the chunk stays small; EChart.svelte imports this file on its first chart, as its own chunk.
 */
import { BarChart, BoxplotChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, BoxplotChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { echarts };
