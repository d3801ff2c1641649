// Legacy-type platforms their region's own policies say must be converted or merged, still active
// (GET /transitions/pending): the other half of a duplicate review.
import { enc, get, type PlatformRef, type PolicyBasis } from '../api';
import { relName } from '../labels';
import { BASE } from '../router';
import { EntityLink, Status, useAsync } from '../ui';

interface Pending { platform: PlatformRef; status: string | null; from_type: string; to_type: string | null; rule: string; deadline: number | null; policy_basis: PolicyBasis | null }

export function PendingList({ region }: { region: string }) {
  const st = useAsync((s) => get<{ items: Pending[] }>('/transitions/pending', { region }, s), [region]);
  if (!st.data) return <Status {...st} />;
  const items = st.data.items;
  return (
    <section class="card" aria-label="待转建平台">
      <p role="status" class="muted">{items.length} 个平台按本地区政策应转建或整合，但仍在运行。</p>
      <table>
        <thead><tr><th scope="col">平台</th><th scope="col">依托单位</th><th scope="col">地区</th><th scope="col">现类型 → 应为</th><th scope="col">期限</th><th scope="col">政策依据</th></tr></thead>
        <tbody>
          {items.slice(0, 500).map((p) => (
            <tr>
              <td><EntityLink id={p.platform.id} name={p.platform.name} /></td>
              <td>{p.platform.host}</td><td>{p.platform.region}</td>
              <td>{p.from_type} → {p.to_type || '—'} <span class="tag">{relName(p.rule)}</span></td>
              <td>{p.deadline ?? '—'}</td>
              <td>{p.policy_basis ? <><a href={`${BASE}/entity/${enc('doc:' + p.policy_basis.doc_id.replace(/^doc:/, ''))}`}>{p.policy_basis.doc_id}</a>：<q>{p.policy_basis.quote}</q></> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {items.length > 500 ? <p class="muted">只列出前 500 个。</p> : null}
    </section>
  );
}
