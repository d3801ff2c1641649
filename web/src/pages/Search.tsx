import { get, type SearchPage as Answer } from '../api';
import { kindName } from '../labels';
import { BASE } from '../router';
import { EntityLink, Status, useAsync } from '../ui';
import { SearchBox } from './SearchBox';

const ORDER = ['Platform', 'Institution', 'LabCluster', 'IndustrialChain', 'IndustrialCluster', 'Agency', 'Industry', 'Document', 'Person', 'Zone', 'Programme'];

function Results({ q, kind }: { q: string; kind: string }) {
  const st = useAsync((s) => get<Answer>('/search', { q, limit: 200, kind: kind || undefined }, s), [q, kind]);
  if (!st.data) return <Status {...st} />;
  const groups = new Map<string, Answer['items']>();
  for (const h of st.data.items) groups.set(h.kind, [...(groups.get(h.kind) || []), h]);
  const kinds = [...groups.keys()].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
  return (
    <div>
      <p class="muted" role="status">
        “{q}” 共 {st.data.total}{st.data.total_exact ? '' : '+'} 条结果{kind ? `（仅${kindName(kind)}）` : ''}
        {kind ? <> · <a href={`${BASE}/search?q=${encodeURIComponent(q)}`}>全部类别</a></> : null}
      </p>
      {kinds.length === 0 ? <p>没有找到匹配的实体。试试简称、名称的一部分或领域词。</p> : null}
      {kinds.map((k) => (
        <section class="card" aria-label={`${kindName(k)}结果`}>
          <h2>{kindName(k)} <span class="muted">{groups.get(k)!.length}</span>
            {!kind ? <a class="more" href={`${BASE}/search?q=${encodeURIComponent(q)}&kind=${k}`}>只看{kindName(k)}</a> : null}
          </h2>
          <ul class="hits">
            {groups.get(k)!.slice(0, kind ? 200 : 20).map((h) => (
              <li><EntityLink id={h.id} name={h.name} />{h.snippet ? <span class="muted"> {h.snippet}</span> : null}</li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

export function SearchPage({ q, kind }: { q: string; kind: string }) {
  return (
    <main id="main">
      <h1>搜索</h1>
      <SearchBox initial={q} />
      {q ? <Results q={q} kind={kind} /> : (
        <section class="card">
          <h2>从这里开始</h2>
          <ul>
            <li>输入平台、依托单位、部门、实验室群或产业链的名称、简称或其中几个字，边输入边提示。</li>
            <li><a href={`${BASE}/clusters`}>实验室群</a>：成员、牵头单位、服务的产业集群，两群的交叉。</li>
            <li><a href={`${BASE}/duplicates`}>重复建设审查</a>：成对比较、评分理由与政策依据，记录审查结论。</li>
            <li><a href={`${BASE}/targets`}>目标与实际</a>：政策目标与已建平台数量对比。</li>
          </ul>
        </section>
      )}
    </main>
  );
}
