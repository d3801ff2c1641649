// Read-only Cypher: the named queries of cypher/queries (bundled at build time) or any read query.
import queries from 'virtual:named-queries';
import { useState } from 'preact/hooks';
import { post } from '../api';
import { navigate } from '../router';

interface Result { columns: string[]; rows: Record<string, unknown>[]; row_count: number; truncated: boolean }
const cell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
const defaults = (params: string[]) =>
  JSON.stringify(Object.fromEntries(params.map((p) => [p, p === 'skip' ? 0 : p === 'limit' ? 20 : null])), null, 1);

export function CypherPage({ name }: { name: string }) {
  const nq = queries.find((q) => q.name === name);
  const [text, setText] = useState(nq?.text || 'MATCH (c:LabCluster) RETURN c.name AS name, c.region AS region LIMIT 20');
  const [params, setParams] = useState(nq ? defaults(nq.params) : '{}');
  const [res, setRes] = useState<Result | null>(null);
  const [msg, setMsg] = useState('');
  const pick = (n: string) => {
    const q = queries.find((x) => x.name === n);
    navigate(n ? `/cypher?q=${encodeURIComponent(n)}` : '/cypher', true);
    if (q) { setText(q.text); setParams(defaults(q.params)); setRes(null); }
  };
  const run = async (e: Event) => {
    e.preventDefault();
    if (!text.trim()) return setMsg('请输入查询');
    if (text.length > 20000) return setMsg('查询过长（最多 20000 字符）');
    let p: unknown;
    try { p = JSON.parse(params || '{}'); } catch { return setMsg('参数必须是 JSON 对象，如 {"limit": 20}'); }
    if (!p || typeof p !== 'object' || Array.isArray(p)) return setMsg('参数必须是 JSON 对象');
    setMsg('');
    try { setRes(await post<Result>('/cypher', { query: text, params: p, limit: 500 })); } catch (err) { setRes(null); setMsg((err as Error).message); }
  };
  return (
    <main id="main">
      <h1>Cypher 查询（只读）</h1>
      <p class="muted">服务器以只读方式执行（写入语句会被拒绝），最多返回 500 行。</p>
      <form class="stack" onSubmit={run}>
        <div class="row">
          <label for="cy-named">命名查询</label>
          <select id="cy-named" value={nq?.name || ''} onChange={(e) => pick(e.currentTarget.value)}>
            <option value="">— 自由查询 —</option>
            {queries.map((q) => <option value={q.name}>{q.name}</option>)}
          </select>
        </div>
        {nq ? <p class="muted">{nq.description}</p> : null}
        <label for="cy-text">查询语句</label>
        <textarea id="cy-text" class="code" rows={12} value={text} onInput={(e) => setText(e.currentTarget.value)} spellcheck={false} />
        <label for="cy-params">参数（JSON）</label>
        <textarea id="cy-params" class="code" rows={4} value={params} onInput={(e) => setParams(e.currentTarget.value)} spellcheck={false} />
        <button type="submit">执行</button>
        {msg ? <p class="error" role="alert">{msg}</p> : null}
      </form>
      {res ? (
        <section class="card" aria-label="查询结果">
          <p role="status">{res.row_count} 行{res.truncated ? '（已截断）' : ''}</p>
          <div class="scroll">
            <table>
              <thead><tr>{res.columns.map((c) => <th scope="col">{c}</th>)}</tr></thead>
              <tbody>{res.rows.map((r) => <tr>{res.columns.map((c) => <td>{cell(r[c])}</td>)}</tr>)}</tbody>
            </table>
          </div>
        </section>
      ) : null}
    </main>
  );
}
