// Duplicate review: pairs by region, type and class; side by side with the score, its reasons and the
// policy clause; a reviewer records a decision, stored in the graph, shown on later visits.
import { useEffect, useState } from 'preact/hooks';
import { apiKey, enc, get, post, type Decision, type Pair, type PlatformRef } from '../api';
import { DECISION, FEATURE, PAIR_KIND } from '../labels';
import { BASE, navigate } from '../router';
import { checkText, EntityLink, Section, Status, useAsync } from '../ui';
import { PendingList } from './Pending';

interface DupPage { method_version: string; total: number; offset: number; limit: number; pairs: Pair[] }
const PAGE = 50;
export const pairKey = (a: string, b: string) => [a, b].sort().join('|');

function Side({ p, title }: { p: PlatformRef; title: string }) {
  return (
    <div class="side">
      <h3>{title}</h3>
      <p><EntityLink id={p.id} name={p.name} /></p>
      <dl>
        <dt>类型</dt><dd>{p.type || '—'}</dd>
        <dt>依托单位</dt><dd>{p.host || '—'}</dd>
        <dt>地区</dt><dd>{p.region || '—'}</dd>
        <dt>来源</dt><dd>{p.source.file ? `${p.source.file} 第 ${p.source.row ?? '?'} 行` : '—'}{p.source.seq ? `（序号 ${p.source.seq}）` : ''}</dd>
      </dl>
    </div>
  );
}

export function Reasons({ pair }: { pair: Pick<Pair, 'reasons' | 'score' | 'policy_basis'> }) {
  const max = Math.max(1, ...pair.reasons.map((r) => Math.abs(r.contribution)));
  return (
    <>
      <table class="reasons">
        <caption>评分 {pair.score.toFixed(3)} 的理由（对数几率贡献）</caption>
        <thead><tr><th scope="col">特征</th><th scope="col">取值</th><th scope="col">贡献</th></tr></thead>
        <tbody>
          {pair.reasons.map((r) => (
            <tr>
              <td>{FEATURE[r.feature] || r.feature}</td>
              <td>{r.value === null ? '—' : String(r.value)}</td>
              <td><span class={r.contribution >= 0 ? 'bar pos' : 'bar neg'} style={{ width: `${(Math.abs(r.contribution) / max) * 80}px` }} /> {r.contribution.toFixed(2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {pair.policy_basis ? (
        <p class="policy">政策依据：<a href={`${BASE}/entity/${enc('doc:' + pair.policy_basis.doc_id.replace(/^doc:/, ''))}`}>{pair.policy_basis.doc_id}</a>
          ：<q>{pair.policy_basis.quote}</q></p>
      ) : <p class="muted">无政策条款依据。</p>}
    </>
  );
}

function DecisionForm({ pair, version, onSaved }: { pair: Pair; version: string; onSaved: (d: Decision) => void }) {
  const [decision, setDecision] = useState('');
  const [note, setNote] = useState('');
  const [reviewer, setReviewer] = useState(localStorage.getItem('innokg.reviewer') || '');
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    const bad = (!decision ? '请选择审查结论' : null) || checkText('审查人', reviewer, { max: 80 }) || checkText('备注', note, { required: false, max: 2000 });
    if (bad) return setMsg({ ok: false, text: bad });
    if (!apiKey()) return setMsg({ ok: false, text: '记录结论需要 API 密钥：请在页面顶部填写并保存' });
    try {
      const d = await post<Decision>('/duplicates/decisions', {
        a: pair.a.id, b: pair.b.id, kind: pair.kind, score: pair.score, method_version: version,
        decision, note: note.trim(), reviewer: reviewer.trim(),
      });
      localStorage.setItem('innokg.reviewer', reviewer.trim());
      setMsg({ ok: true, text: `已记录：${DECISION[d.decision]}（${d.reviewer}，${d.ts}）` });
      setNote('');
      onSaved(d);
    } catch (err) {
      setMsg({ ok: false, text: (err as Error).message });
    }
  };
  return (
    <form class="decision" onSubmit={submit} aria-label="审查结论">
      <fieldset>
        <legend>审查结论</legend>
        {Object.entries(DECISION).map(([k, t]) => (
          <label><input type="radio" name="decision" value={k} checked={decision === k} onChange={() => setDecision(k)} /> {t}</label>
        ))}
      </fieldset>
      <label for="dec-note">备注</label>
      <textarea id="dec-note" rows={3} value={note} onInput={(e) => setNote(e.currentTarget.value)} placeholder="理由、核实情况（选填，纯文本）" />
      <label for="dec-reviewer">审查人</label>
      <input id="dec-reviewer" value={reviewer} onInput={(e) => setReviewer(e.currentTarget.value)} autocomplete="name" />
      <button type="submit">记录结论</button>
      {msg ? <p class={msg.ok ? 'ok' : 'error'} role={msg.ok ? 'status' : 'alert'}>{msg.text}</p> : null}
    </form>
  );
}

function History({ items }: { items: Decision[] }) {
  if (!items.length) return <p class="muted">此对尚无审查记录。</p>;
  return (
    <ul class="history" aria-label="审查记录">
      {items.map((d) => (
        <li><strong>{DECISION[d.decision] || d.decision}</strong> · {d.reviewer} · <time>{d.ts.replace('T', ' ').replace('Z', ' UTC')}</time>{d.note ? <>：{d.note}</> : null}</li>
      ))}
    </ul>
  );
}

export function DuplicatesPage({ query }: { query: URLSearchParams }) {
  const region = query.get('region') || '';
  const type = query.get('type') || '';
  const kind = query.get('kind') || '';
  const offset = Number(query.get('offset') || 0);
  const sel = query.get('pair') || '';
  const pending = query.get('view') === 'pending';
  const [form, setForm] = useState({ region, type, kind });
  useEffect(() => setForm({ region, type, kind }), [region, type, kind]);
  const st = useAsync((s) => get<DupPage>('/duplicates', { region, type, kind, offset, limit: PAGE }, s), [region, type, kind, offset]);
  const [decisions, setDecisions] = useState<Decision[]>([]);
  useEffect(() => {
    if (!st.data || !st.data.pairs.length) return setDecisions([]);
    const keys = st.data.pairs.map((p) => pairKey(p.a.id, p.b.id));
    get<{ items: Decision[] }>('/duplicates/decisions', { pair: keys, limit: 1000 }).then((r) => setDecisions(r.items), () => setDecisions([]));
  }, [st.data]);
  const go = (patch: Record<string, string | number>) => {
    const q = new URLSearchParams({ region, type, kind, offset: String(offset), pair: sel });
    for (const [k, v] of Object.entries(patch)) q.set(k, String(v));
    for (const k of [...q.keys()]) if (!q.get(k) || q.get(k) === '0') q.delete(k);
    if (pending) q.set('view', 'pending');
    navigate(`/duplicates?${q}`);
  };
  const pairs = st.data?.pairs || [];
  const current = pairs.find((p) => pairKey(p.a.id, p.b.id) === sel) || pairs[0];
  const latest = (k: string) => decisions.find((d) => d.pair_key === k);
  return (
    <main id="main">
      <h1>重复建设审查</h1>
      <nav class="tabs" aria-label="审查视图">
        <a href={`${BASE}/duplicates${region ? `?region=${enc(region)}` : ''}`} aria-current={pending ? undefined : 'page'}>重复对</a>
        <a href={`${BASE}/duplicates?view=pending${region ? `&region=${enc(region)}` : ''}`} aria-current={pending ? 'page' : undefined}>待转建/整合平台</a>
      </nav>
      <form class="filters" onSubmit={(e) => { e.preventDefault(); go({ ...form, offset: 0, pair: '' }); }}>
        <label for="dup-region">地区</label>
        <input id="dup-region" value={form.region} placeholder="如：辽宁省" onInput={(e) => setForm({ ...form, region: e.currentTarget.value })} />
        {pending ? null : (
          <>
        <label for="dup-type">平台类型</label>
        <input id="dup-type" value={form.type} placeholder="如：重点实验室" onInput={(e) => setForm({ ...form, type: e.currentTarget.value })} />
        <label for="dup-kind">类别</label>
        <select id="dup-kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.currentTarget.value })}>
          <option value="">全部</option>
          {Object.entries(PAIR_KIND).map(([k, t]) => <option value={k}>{t}</option>)}
        </select>
          </>
        )}
        <button type="submit">筛选</button>
        {pending ? null : <span class="exports">导出审查结论：<a href="/duplicates/decisions/export?format=csv" download>CSV</a> · <a href="/duplicates/decisions/export?format=json" download>JSON</a></span>}
      </form>
      {pending ? <PendingList region={region} /> : <Status {...st} />}
      {st.data && !pending ? (
        <div class="review">
          <div class="pairs">
            <p class="muted" role="status">共 {st.data.total} 对（第 {offset + 1}–{Math.min(offset + PAGE, st.data.total)} 对）· 方法 {st.data.method_version}</p>
            <ul aria-label="重复对">
              {pairs.map((p) => {
                const k = pairKey(p.a.id, p.b.id);
                const d = latest(k);
                return (
                  <li class={current && k === pairKey(current.a.id, current.b.id) ? 'active' : ''}>
                    <a href={`${BASE}/duplicates?${new URLSearchParams({ ...(region && { region }), ...(type && { type }), ...(kind && { kind }), ...(offset && { offset: String(offset) }), pair: k })}`}>
                      <span class="score">{p.score.toFixed(2)}</span> {p.a.name} ⇄ {p.b.name}
                    </a>
                    <span class="tag">{PAIR_KIND[p.kind] || p.kind}</span>
                    {d ? <span class={`tag dec-${d.decision}`}>{DECISION[d.decision]}</span> : null}
                  </li>
                );
              })}
            </ul>
            <div class="pager">
              <button type="button" disabled={offset === 0} onClick={() => go({ offset: Math.max(0, offset - PAGE), pair: '' })}>上一页</button>
              <button type="button" disabled={offset + PAGE >= st.data.total} onClick={() => go({ offset: offset + PAGE, pair: '' })}>下一页</button>
            </div>
          </div>
          {current ? (
            <Section title={`${PAIR_KIND[current.kind] || current.kind} · 评分 ${current.score.toFixed(3)}`}>
              <div class="sides"><Side p={current.a} title="平台 A" /><Side p={current.b} title="平台 B" /></div>
              <Reasons pair={current} />
              <h3>审查记录</h3>
              <History items={decisions.filter((d) => d.pair_key === pairKey(current.a.id, current.b.id))} />
              <DecisionForm key={pairKey(current.a.id, current.b.id)} pair={current} version={st.data.method_version}
                onSaved={(d) => setDecisions([d, ...decisions])} />
            </Section>
          ) : <p>没有符合条件的重复对。</p>}
        </div>
      ) : null}
    </main>
  );
}
