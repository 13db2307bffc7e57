/**
 * The parts of Apache ECharts the dashboard draws with, and nothing else: loaded by the chart
 * panel on demand, so that no other page (and not the dashboard's first paint) carries it. The
 * map's parts come with the map (world-map.ts).
 */
import { BarChart, FunnelChart, LineChart, SankeyChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, registerMap, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([
  BarChart,
  LineChart,
  SankeyChart,
  FunnelChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  AriaComponent,
  CanvasRenderer,
]);

export { init, registerMap, use };
