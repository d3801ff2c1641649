// Screening a proposed platform against the whole graph (POST /duplicates/screen).
import { useState } from 'preact/hooks';
import { post, type Candidate } from '../api';
import { PAIR_KIND } from '../labels';
import { checkText, EntityLink, Section } from '../ui';
import { Reasons } from './Duplicates';

const FIELDS: [string, string, string, number][] = [
  ['name', '拟建平台名称（必填）', '如：辽宁省先进材料制备技术重点实验室', 200],
  ['type', '平台类型', '如：重点实验室', 100],
  ['level', '级别', '如：省级', 20],
  ['host', '依托单位', '如：东北大学', 200],
  ['region', '地区', '如：辽宁省', 50],
  ['field', '研究领域', '如：先进材料制备', 200],
  ['co_builders', '共建单位（用、或逗号分隔）', '如：大连理工大学、中国科学院金属研究所', 1000],
];

export function ScreenPage() {
  const [v, setV] = useState<Record<string, string>>({});
  const [res, setRes] = useState<{ candidates: Candidate[]; method_version: string } | null>(null);
  const [msg, setMsg] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    for (const [k, label, , max] of FIELDS) {
      const bad = checkText(label.replace(/（.*）/, ''), v[k] || '', { required: k === 'name', max });
      if (bad) return setMsg(bad);
    }
    if ((v.name || '').trim().length < 2) return setMsg('拟建平台名称至少 2 个字');
    setMsg('');
    setBusy(true);
    const body: Record<string, unknown> = {};
    for (const [k] of FIELDS) if ((v[k] || '').trim()) body[k] = v[k].trim();
    if (body.co_builders) body.co_builders = String(body.co_builders).split(/[、,，;；]/).map((s) => s.trim()).filter(Boolean);
    try {
      setRes(await post('/duplicates/screen', body));
    } catch (err) {
      setMsg((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main id="main">
      <h1>新建平台查重</h1>
      <p class="muted">审批前，把拟建平台与图谱中已有的全部平台比较，列出可能重复建设的平台及理由。</p>
      <form class="stack" onSubmit={submit}>
        {FIELDS.map(([k, label, ph]) => (
          <div class="row">
            <label for={`sc-${k}`}>{label}</label>
            <input id={`sc-${k}`} value={v[k] || ''} placeholder={ph} onInput={(e) => setV({ ...v, [k]: e.currentTarget.value })} />
          </div>
        ))}
        <button type="submit" disabled={busy}>{busy ? '查重中…' : '查重'}</button>
        {msg ? <p class="error" role="alert">{msg}</p> : null}
      </form>
      {res ? (
        <Section title={`可能重复的已有平台（${res.candidates.length}）`}>
          {res.candidates.length === 0 ? <p role="status">未发现可能重复的平台。</p> : null}
          {res.candidates.map((c) => (
            <details class="candidate">
              <summary><span class="score">{c.score.toFixed(2)}</span> {c.platform.name} <span class="tag">{PAIR_KIND[c.kind] || c.kind}</span>
                <span class="muted"> {c.platform.host} · {c.platform.region}</span></summary>
              <p><EntityLink id={c.platform.id} name="打开实体页" /></p>
              <Reasons pair={c} />
            </details>
          ))}
        </Section>
      ) : null}
    </main>
  );
}
