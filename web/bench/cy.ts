import cytoscape from 'cytoscape';
import { makeGraph, frameProbe } from './graphdata';
const n = Number(new URLSearchParams(location.search).get('n') || 2000);
const g = makeGraph(n);
const t0 = performance.now();
const cy = cytoscape({
  container: document.getElementById('g'),
  elements: [
    ...g.nodes.map((d) => ({ data: { id: d.id, label: d.label, kind: d.kind }, position: { x: d.x, y: d.y } })),
    ...g.edges.map((e) => ({ data: { id: e.id, source: e.s, target: e.t } })),
  ],
  layout: { name: 'preset' },
  style: [
    { selector: 'node', style: { width: 8, height: 8, 'background-color': '#3b82f6', label: 'data(label)', 'font-size': 6, 'min-zoomed-font-size': 8 } },
    { selector: 'edge', style: { width: 0.5, 'line-color': '#bbb', 'curve-style': 'haystack' } },
  ],
  textureOnViewport: false, hideEdgesOnViewport: false, pixelRatio: 1,
});
(window as any).__ready = performance.now() - t0;
(window as any).__probe = frameProbe;
(window as any).__zoom = (f: number) => cy.zoom({ level: cy.zoom() * f, renderedPosition: { x: 400, y: 300 } });
(window as any).__pan = (dx: number, dy: number) => cy.panBy({ x: dx, y: dy });
