// A synthetic neighbourhood graph like the entity graph: hubs with many leaves, some cross links.
export interface G { nodes: { id: string; label: string; kind: number; x: number; y: number }[]; edges: { id: string; s: string; t: string }[] }
export function makeGraph(n: number, seed = 7): G {
  let r = seed;
  const rnd = () => ((r = (r * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const nodes: G['nodes'] = [];
  const edges: G['edges'] = [];
  const hubs = Math.max(1, Math.round(n / 40));
  for (let i = 0; i < n; i++) {
    const hub = i < hubs;
    const h = i % hubs;
    const a = rnd() * Math.PI * 2;
    const cx = Math.cos((h / hubs) * Math.PI * 2) * 1000, cy = Math.sin((h / hubs) * Math.PI * 2) * 1000;
    const rad = hub ? 0 : 60 + rnd() * 200;
    nodes.push({ id: 'n' + i, label: (hub ? '实验室群' : '重点实验室') + i, kind: hub ? 0 : 1 + (i % 4), x: cx + Math.cos(a) * rad, y: cy + Math.sin(a) * rad });
    if (!hub) edges.push({ id: 'e' + i, s: 'n' + h, t: 'n' + i });
    else if (i > 0) edges.push({ id: 'e' + i, s: 'n0', t: 'n' + i });
  }
  for (let k = 0; k < n; k++) {
    const a = Math.floor(rnd() * n), b = Math.floor(rnd() * n);
    if (a !== b) edges.push({ id: 'x' + k, s: 'n' + a, t: 'n' + b });
  }
  return { nodes, edges };
}
export function frameProbe(): { stop: () => number[] } {
  const times: number[] = [];
  let last = performance.now(), on = true;
  const tick = (t: number) => { times.push(t - last); last = t; if (on) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  return { stop: () => { on = false; return times; } };
}
