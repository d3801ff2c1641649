// Neighbourhood graph (cytoscape, canvas): click a node to expand it, filter by relationship type and
// by level (hops from the entity), capped at `cap` nodes with the number left out shown.
import cytoscape, { type Core } from 'cytoscape';
import { useEffect, useRef, useState } from 'preact/hooks';
import { enc, get, type Entity } from '../api';
import { kindName, relName } from '../labels';
import { BASE, navigate } from '../router';

const COLOR: Record<string, string> = {
  Platform: '#2563eb', Institution: '#16a34a', LabCluster: '#dc2626', Person: '#9333ea', Agency: '#ea580c',
  Document: '#64748b', Region: '#0891b2', IndustrialCluster: '#ca8a04', IndustrialChain: '#a16207',
  Industry: '#854d0e', PlatformType: '#db2777', Target: '#475569',
};
const CAPS = [200, 500, 1000, 2000, 5000];

interface Info { id: string; label: string; name: string; depth: number }

// Fit the view, but never zoom in past 2x: a neighbourhood of three nodes would otherwise fill the screen
// with 100-px labels.
function fitCapped(cy: cytoscape.Core): void {
  cy.fit(undefined, 20);
  if (cy.zoom() > 2) {
    cy.zoom(2);
    cy.center();
  }
}

export function Graph({ root }: { root: Entity }) {
  const box = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const expanded = useRef(new Set<string>());
  const [cap, setCap] = useState(2000);
  const [omitted, setOmitted] = useState(0);
  const [count, setCount] = useState({ nodes: 0, edges: 0 });
  const [rels, setRels] = useState<Record<string, boolean>>({});
  const [depth, setDepth] = useState(9);
  const [selected, setSelected] = useState<Info | null>(null);
  const [busy, setBusy] = useState('');
  const capRef = useRef(cap);
  capRef.current = cap;

  const refresh = () => {
    const cy = cyRef.current!;
    setCount({ nodes: cy.nodes().length, edges: cy.edges().length });
    setRels((old) => {
      const next = { ...old };
      cy.edges().forEach((e) => { if (!(e.data('rel') in next)) next[e.data('rel')] = true; });
      return next;
    });
  };

  const add = (e: Entity, depth0: number) => {
    const cy = cyRef.current!;
    if (cy.getElementById(e.id).empty()) {
      cy.add({ data: { id: e.id, label: e.label, name: String(e.props.name || e.props.title || e.id), depth: depth0 }, position: { x: 0, y: 0 } });
    }
    const center = cy.getElementById(e.id);
    const cx = center.nonempty() ? center.position('x') : 0;
    const cy0 = center.nonempty() ? center.position('y') : 0;
    const fresh: cytoscape.ElementDefinition[] = [];
    let left = 0;
    const all = Object.entries(e.neighbours).flatMap(([rel, ns]) => ns.map((n) => ({ rel, n })));
    const newIds = new Set<string>();
    const room = capRef.current - cy.nodes().length;
    for (const { n } of all) {
      if (cy.getElementById(n.id).nonempty() || newIds.has(n.id)) continue;
      if (newIds.size >= room) { left++; continue; }
      newIds.add(n.id);
    }
    // New neighbours fill a disc (sunflower spiral: even spacing, no overlap) beside their node, away
    // from the centre; the entity's own neighbours fill a disc around it.
    const k = newIds.size;
    const step = 14;
    const disc = step * Math.sqrt(k);
    const away = Math.atan2(cy0, cx);
    const [ox, oy] = depth0 === 0 || (cx === 0 && cy0 === 0) ? [cx, cy0] : [cx + (disc + 30) * Math.cos(away), cy0 + (disc + 30) * Math.sin(away)];
    let i = 0;
    const seen = new Set<string>();
    for (const { rel, n } of all) {
      if (newIds.has(n.id) && !seen.has(n.id)) {
        seen.add(n.id);
        const j = i++ + (depth0 === 0 ? 3 : 0);
        const r = step * Math.sqrt(j), a = j * 2.39996;
        fresh.push({ data: { id: n.id, label: n.label, name: n.name || n.id, depth: depth0 + 1 }, position: { x: ox + r * Math.cos(a), y: oy + r * Math.sin(a) } });
      }
      const [s, t] = n.direction === 'out' ? [e.id, n.id] : [n.id, e.id];
      const eid = `${s}|${rel}|${t}`;
      if ((newIds.has(n.id) || cy.getElementById(n.id).nonempty()) && cy.getElementById(eid).empty()) {
        fresh.push({ data: { id: eid, source: s, target: t, rel } });
      }
    }
    const uniq = new Map(fresh.map((f) => [f.data.id!, f]));
    cy.add([...uniq.values()].sort((a, b) => Number(!!a.data.source) - Number(!!b.data.source)));
    expanded.current.add(e.id);
    setOmitted((o) => o + left);
    refresh();
  };

  const expand = async (id: string) => {
    if (expanded.current.has(id)) return;
    setBusy('展开中…');
    try {
      const e = await get<Entity>(`/entities/${enc(id)}`, { limit: 500 });
      const node = cyRef.current!.getElementById(id);
      add(e, node.nonempty() ? Number(node.data('depth')) : 0);
      setBusy('');
    } catch (err) {
      setBusy(`展开失败：${(err as Error).message}`);
    }
  };

  const expandLevel = async () => {
    const cy = cyRef.current!;
    const todo = cy.nodes().filter((n) => !expanded.current.has(n.id())).map((n) => n.id());
    for (const id of todo) {
      if (cy.nodes().length >= capRef.current) break;
      await expand(id);
    }
  };

  useEffect(() => {
    const cy = cytoscape({
      container: box.current!,
      elements: [{ data: { id: root.id, label: root.label, name: String(root.props.name || root.props.title || root.id), depth: 0 }, position: { x: 0, y: 0 } }],
      style: [
        { selector: 'node', style: { width: 10, height: 10, 'background-color': (n: cytoscape.NodeSingular) => COLOR[n.data('label')] || '#94a3b8', label: 'data(name)', 'font-size': 8, 'min-zoomed-font-size': 9, color: '#1e293b', 'text-valign': 'bottom', 'text-margin-y': 2 } },
        { selector: 'node[depth = 0]', style: { width: 22, height: 22, 'font-size': 12, 'font-weight': 'bold' } },
        { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#f59e0b' } },
        { selector: 'edge', style: { width: 0.6, 'line-color': '#cbd5e1', 'curve-style': 'haystack' } },
        { selector: '.hidden', style: { display: 'none' } },
      ],
      layout: { name: 'preset' },
      pixelRatio: 1,
      hideEdgesOnViewport: true, // pan / zoom redraw nodes only: smooth with thousands of edges
      textureOnViewport: true,
      wheelSensitivity: 0.3,
    });
    cyRef.current = cy;
    (window as unknown as { __innokgGraph: unknown }).__innokgGraph = {
      cy, expandLevel: () => expandLevel(), expand: (id: string) => expand(id), isExpanded: (id: string) => expanded.current.has(id),
    };
    cy.on('tap', 'node', (ev) => {
      const n = ev.target;
      setSelected({ id: n.id(), label: n.data('label'), name: n.data('name'), depth: n.data('depth') });
      void expand(n.id());
    });
    expanded.current = new Set();
    setOmitted(0);
    add(root, 0);
    fitCapped(cy);
    return () => cy.destroy();
  }, [root.id]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.batch(() => {
      cy.elements().removeClass('hidden');
      cy.edges().filter((e) => rels[e.data('rel')] === false).addClass('hidden');
      cy.nodes().filter((n) => Number(n.data('depth')) > depth).addClass('hidden');
      cy.nodes().filter((n) => Number(n.data('depth')) > 0 && n.connectedEdges(':visible').length === 0).addClass('hidden');
    });
  }, [rels, depth, count]);

  const hidden = cyRef.current ? cyRef.current.nodes('.hidden').length : 0;
  return (
    <div class="graph">
      <div class="graph-tools" role="group" aria-label="关系图设置">
        <label>最多节点 <select value={cap} onChange={(e) => setCap(Number(e.currentTarget.value))}>
          {CAPS.map((c) => <option value={c}>{c}</option>)}
        </select></label>
        <label>层级 <select value={depth} onChange={(e) => setDepth(Number(e.currentTarget.value))}>
          <option value={1}>1 层</option><option value={2}>2 层</option><option value={3}>3 层</option><option value={9}>全部</option>
        </select></label>
        <button type="button" onClick={() => void expandLevel()}>展开下一层</button>
        <button type="button" onClick={() => cyRef.current && fitCapped(cyRef.current)}>适应窗口</button>
        <span role="status" class="muted" data-testid="graph-count">
          {count.nodes} 个节点、{count.edges} 条关系{hidden ? `（隐藏 ${hidden} 个）` : ''}
          {omitted ? `；超出上限未显示 ${omitted} 个节点` : ''} {busy}
        </span>
      </div>
      <fieldset class="rels">
        <legend>关系类型</legend>
        {Object.keys(rels).sort().map((r) => (
          <label><input type="checkbox" checked={rels[r]} onChange={(e) => setRels({ ...rels, [r]: e.currentTarget.checked })} /> {relName(r)}</label>
        ))}
      </fieldset>
      <div ref={box} class="cy" role="img" aria-label={`以 ${String(root.props.name || root.id)} 为中心的关系图；点击节点展开`} />
      {selected ? (
        <p class="muted">
          选中：{selected.name}（{kindName(selected.label)}，第 {selected.depth} 层）·{' '}
          <a href={`${BASE}/entity/${enc(selected.id)}`} onClick={(e) => { e.preventDefault(); navigate(`/entity/${enc(selected.id)}`); }}>打开实体页</a>
        </p>
      ) : <p class="muted">点击节点展开其邻居；滚轮缩放，拖动平移。</p>}
    </div>
  );
}
