import { NVL } from '@neo4j-nvl/base';
import { ZoomInteraction, PanInteraction } from '@neo4j-nvl/interaction-handlers';
import { makeGraph, frameProbe } from './graphdata';
const n = Number(new URLSearchParams(location.search).get('n') || 2000);
const g = makeGraph(n);
const t0 = performance.now();
const nvl = new NVL(document.getElementById('g')!, g.nodes.map((d) => ({ id: d.id, caption: d.label, size: 8, x: d.x, y: d.y })),
  g.edges.map((e) => ({ id: e.id, from: e.s, to: e.t })), { renderer: 'canvas', initialZoom: 0.3, layout: 'free' } as any);
new ZoomInteraction(nvl); new PanInteraction(nvl);
(window as any).__ready = performance.now() - t0;
(window as any).__probe = frameProbe;
