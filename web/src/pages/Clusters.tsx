import { useState } from 'preact/hooks';
import { enc, get, type Cluster, type Member, type Page } from '../api';
import { INST_KIND, kindName } from '../labels';
import { BASE, navigate } from '../router';
import { EntityLink, Section, Status, useAsync } from '../ui';

interface Shared { id: string; label: string; name: string; path: string; roles_a: string[]; roles_b: string[] }
const SERVICE = /服务|金融|中介|投资|基金/;

const useClusters = () => useAsync((s) => get<Page<Cluster>>('/clusters', { limit: 500 }, s), []);

export function ClustersPage() {
  const st = useClusters();
  return (
    <main id="main">
      <h1>实验室群 {st.data ? <span class="muted">{st.data.total}</span> : null}</h1>
      <Status {...st} />
      {st.data ? (
        <table>
          <thead><tr><th scope="col">名称</th><th scope="col">地区</th><th scope="col">成员</th><th scope="col">牵头</th><th scope="col">群主任</th><th scope="col">服务的产业集群/产业链</th></tr></thead>
          <tbody>
            {st.data.items.map((c) => (
              <tr>
                <td><a href={`${BASE}/clusters/${enc(c.id)}`}>{c.name}</a></td>
                <td>{c.region}</td>
                <td class="num">{c.members}</td>
                <td>{c.leads.map((l) => l.name).join('、')}</td>
                <td>{c.directors.map((d) => d.name).join('、')}</td>
                <td>{c.serves.map((s) => <><EntityLink id={s.id} name={s.name} />{' '}</>)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </main>
  );
}

function Members({ id }: { id: string }) {
  const st = useAsync((s) => get<Page<Member>>(`/clusters/${enc(id)}/members`, { limit: 1000 }, s), [id]);
  if (!st.data) return <Status {...st} />;
  const groups = new Map<string, Member[]>();
  for (const m of st.data.items) {
    const role = m.role || '成员';
    const key = role;
    groups.set(key, [...(groups.get(key) || []), m]);
  }
  const keys = [...groups.keys()].sort((a, b) => Number(SERVICE.test(a)) - Number(SERVICE.test(b)) || a.localeCompare(b));
  return (
    <>
      {keys.map((k) => (
        <Section title={`${SERVICE.test(k) ? '服务机构 · ' : ''}${k}（${groups.get(k)!.length}）`}>
          <ul class="hits">
            {groups.get(k)!.map((m) => (
              <li><EntityLink id={m.id} name={m.name} kind={m.label} />
                <span class="muted"> {[m.type, m.level, m.kind && m.label === 'Institution' ? INST_KIND[m.kind] || m.kind : null].filter(Boolean).join(' · ')}</span></li>
            ))}
          </ul>
        </Section>
      ))}
    </>
  );
}

function Overlap({ a, b, clusters }: { a: string; b: string; clusters: Cluster[] }) {
  const st = useAsync((s) => get<{ shared: Shared[] }>(`/clusters/${enc(a)}/overlap/${enc(b)}`, undefined, s), [a, b]);
  const other = clusters.find((c) => c.id === b);
  if (!st.data) return <Status {...st} />;
  return (
    <div role="region" aria-label="交叉结果">
      <p>与 <a href={`${BASE}/clusters/${enc(b)}`}>{other?.name || b}</a> 共有 {st.data.shared.length} 个成员。</p>
      {st.data.shared.length ? (
        <table>
          <thead><tr><th scope="col">共同成员</th><th scope="col">方式</th><th scope="col">本群中的角色</th><th scope="col">对方群中的角色</th></tr></thead>
          <tbody>
            {st.data.shared.map((s) => (
              <tr><td><EntityLink id={s.id} name={s.name} kind={s.label} /></td>
                <td>{s.path === 'direct' ? '直接成员' : '经由其平台'}</td>
                <td>{s.roles_a.join('、')}</td><td>{s.roles_b.join('、')}</td></tr>
            ))}
          </tbody>
        </table>
      ) : <p class="muted">两个实验室群没有共同成员。</p>}
    </div>
  );
}

export function ClusterPage({ id, other }: { id: string; other: string }) {
  const st = useClusters();
  const [pick, setPick] = useState(other);
  const c = st.data?.items.find((x) => x.id === id);
  if (!st.data) return <main id="main"><h1>实验室群</h1><Status {...st} /></main>;
  if (!c) return <main id="main"><h1>实验室群</h1><p class="error" role="alert">未找到实验室群 {id}</p></main>;
  return (
    <main id="main">
      <h1>{c.name} <span class="tag">实验室群</span></h1>
      <p class="muted">{c.region} · {c.members} 个成员 · <EntityLink id={c.id} name="实体页与关系图" /></p>
      <div class="grid2">
        <Section title="牵头单位">
          <ul>{c.leads.map((l) => <li><EntityLink id={l.id} name={l.name} kind={l.label} /></li>)}</ul>
        </Section>
        <Section title="群主任及其单位">
          <ul>{c.directors.map((d) => <li><EntityLink id={d.id} name={d.name} kind="Person" />{d.org ? `（${d.org}）` : ''}</li>)}</ul>
        </Section>
      </div>
      <Section title="服务的产业集群 / 产业链">
        {c.serves.length ? <ul>{c.serves.map((s) => <li><EntityLink id={s.id} name={s.name} kind={s.label} /></li>)}</ul> : <p class="muted">未登记。</p>}
      </Section>
      <Members id={id} />
      <Section title="与另一实验室群的交叉">
        <form onSubmit={(e) => { e.preventDefault(); if (pick) navigate(`/clusters/${enc(id)}?with=${enc(pick)}`); }}>
          <label for="overlap-with">比较对象</label>{' '}
          <select id="overlap-with" value={pick} onChange={(e) => setPick(e.currentTarget.value)}>
            <option value="">— 选择实验室群 —</option>
            {st.data.items.filter((x) => x.id !== id).map((x) => <option value={x.id}>{x.name}</option>)}
          </select>{' '}
          <button type="submit">比较</button>
        </form>
        {other ? <Overlap a={id} b={other} clusters={st.data.items} /> : null}
      </Section>
      <p class="muted">{kindName('LabCluster')}编号 <code>{c.id}</code></p>
    </main>
  );
}
