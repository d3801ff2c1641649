// ECharts, bundled (tree-shaken: bars only, canvas renderer).
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

export function barChart(el: HTMLElement, title: string, cats: string[], target: number[], actual: number[]): () => void {
  // Many categories (types): horizontal bars, one row each, so every label stays readable.
  const flat = cats.length > 8;
  if (flat) el.style.height = `${Math.max(340, cats.length * 26 + 90)}px`;
  const chart = echarts.init(el, undefined, { renderer: 'canvas' });
  const catAxis = { type: 'category', data: cats, axisLabel: { fontSize: 11, interval: 0 }, inverse: flat };
  const valAxis = { type: 'value', name: '家' };
  chart.setOption({
    title: { text: title, left: 10, top: 6, textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis' },
    legend: { right: 10, top: 6, data: ['目标', '实际'] },
    grid: { left: flat ? 10 : 50, right: 30, top: 60, bottom: 30, containLabel: flat },
    xAxis: flat ? valAxis : catAxis,
    yAxis: flat ? catAxis : valAxis,
    series: [
      { name: '目标', type: 'bar', data: target, itemStyle: { color: '#94a3b8' } },
      { name: '实际', type: 'bar', data: actual, itemStyle: { color: '#2563eb' } },
    ],
    animation: false,
  });
  const onResize = () => chart.resize();
  window.addEventListener('resize', onResize);
  return () => { window.removeEventListener('resize', onResize); chart.dispose(); };
}
