// ECharts, bundled (tree-shaken: bars only, canvas renderer).
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent, DataZoomComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, DataZoomComponent, CanvasRenderer]);

export function barChart(el: HTMLElement, title: string, cats: string[], target: number[], actual: number[]): () => void {
  const chart = echarts.init(el, undefined, { renderer: 'canvas' });
  chart.setOption({
    title: { text: title, left: 10, top: 6, textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis' },
    legend: { right: 10, top: 6, data: ['目标', '实际'] },
    grid: { left: 50, right: 20, top: 60, bottom: cats.length > 6 ? 130 : 40 },
    xAxis: { type: 'category', data: cats, axisLabel: { rotate: cats.length > 6 ? 40 : 0, fontSize: 11, interval: 0 } },
    yAxis: { type: 'value', name: '家' },
    dataZoom: cats.length > 20 ? [{ type: 'slider', bottom: 0, end: Math.round((20 / cats.length) * 100) }] : [],
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
