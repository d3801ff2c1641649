import { lazy, Suspense } from 'preact/compat';
import { enc, get, type Entity, type Neighbour } from '../api';
import { kindName, PROP, relName, ROLE } from '../labels';
import { BASE } from '../router';
import { EntityLink, Section, Status, useAsync } from '../ui';
import { EvidenceView, Sources } from './Evidence';

const Graph = lazy(() => import('./Graph').then((m) => ({ default: m.Graph })));
const HIDDEN = new Set(['id', 'search_text', 'raw_text', 'field_tokens', 'name_norm']);

interface ClusterLink { cluster_id: string; cluster_name: string; rel: string; role: string | null; path: string; via_id: string | null; via_name: string | null }

function show(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.join('、');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function Props({ e }: { e: Entity }) {
  const keys = Object.keys(e.props).filter((k) => !HIDDEN.has(k)).sort((a, b) => (a === 'name' ? -1 : b === 'name' ? 1 : a.localeCompare(b)));
  return (
    <table class="props">
      <tbody>
        {keys.map((k) => (
          <tr><th scope="row">{PROP[k] || k}</th><td>{show(e.props[k])}</td></tr>
        ))}
        <tr><th scope="row">编号</th><td><code>{e.id}</code></td></tr>
      </tbody>
    </table>
  );
}

function Facts({ rel, items }: { rel: string; items: Neighbour[] }) {
  return (
    <section class="facts" aria-label={`${relName(rel)}关系`}>
      <h3>{relName(rel)} <span class="muted">{rel} · {items.length}</span></h3>
      <table>
        <thead><tr><th scope="col">方向</th><th scope="col">相邻实体</th><th scope="col">属性</th><th scope="col">出处</th></tr></thead>
        <tbody>
          {items.slice(0, 200).map((n) => {
            const ev = Array.isArray(n.props.evidence) ? (n.props.evidence as string[]) : [];
            const extra = Object.entries(n.props).filter(([k]) => !['evidence', 'docs', 'key'].includes(k));
            return (
              <tr>
                <td>{n.direction === 'out' ? '→' : '←'}</td>
                <td><EntityLink id={n.id} name={n.name} kind={n.label} /></td>
                <td class="muted">{extra.map(([k, v]) => `${PROP[k] || k}: ${k === 'role' ? ROLE[String(v)] || show(v) : show(v)}`).join('；')}</td>
                <td><Sources ids={ev} /></td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {items.length > 200 ? <p class="muted">只列出前 200 条（共 {items.length} 条）。</p> : null}
    </section>
  );
}

function Clusters({ id }: { id: string }) {
  const st = useAsync((s) => get<{ clusters: ClusterLink[] }>(`/entities/${enc(id)}/clusters`, undefined, s), [id]);
  if (!st.data || !st.data.clusters.length) return null;
  return (
    <Section title="所属实验室群">
      <ul>
        {st.data.clusters.map((c) => (
          <li>
            <a href={`${BASE}/clusters/${enc(c.cluster_id)}`}>{c.cluster_name}</a> <span class="tag">{relName(c.rel)}</span>
            {c.role ? <span class="muted"> {ROLE[c.role] || c.role}</span> : null}
            {c.via_id ? <span class="muted">（经由 <EntityLink id={c.via_id} name={c.via_name} />）</span> : null}
          </li>
        ))}
      </ul>
    </Section>
  );
}

export function EntityPage({ id }: { id: string }) {
  const st = useAsync((s) => get<Entity>(`/entities/${enc(id)}`, { limit: 1000 }, s), [id]);
  const e = st.data;
  if (!e) return <main id="main"><h1>实体</h1><Status {...st} /></main>;
  const name = show(e.props.name || e.props.title) || e.id;
  const rels = Object.keys(e.neighbours).sort();
  return (
    <main id="main">
      <h1>{name} <span class="tag">{kindName(e.label)}</span></h1>
      {e.label === 'LabCluster' ? <p><a href={`${BASE}/clusters/${enc(e.id)}`}>实验室群详情与交叉分析 →</a></p> : null}
      <div class="grid2">
        <Section title="属性"><Props e={e} /></Section>
        <Section title="本实体的出处">
          {e.evidence.length ? (
            <ul class="sources">{e.evidence.slice(0, 5).map((ev) => <li><EvidenceView id={ev.id} /></li>)}</ul>
          ) : <p class="muted">无出处记录（地区、类别等由系统生成）。</p>}
          {e.evidence.length > 5 ? <p class="muted">另有 {e.evidence.length - 5} 条出处。</p> : null}
        </Section>
      </div>
      <Clusters id={e.id} />
      <Section title="关系图">
        <Suspense fallback={<p class="muted">加载关系图…</p>}><Graph root={e} /></Suspense>
      </Section>
      <Section title={`事实（按关系分组，${rels.length} 种）`}>
        {e.neighbours_truncated ? <p class="muted">邻居过多，只显示前 1000 个。</p> : null}
        {rels.length ? rels.map((r) => <Facts rel={r} items={e.neighbours[r]} />) : <p>没有相邻实体。</p>}
      </Section>
    </main>
  );
}
