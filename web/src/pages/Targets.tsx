// Policy targets vs the platforms the graph holds, per region / type / year, as charts and a table.
import { useEffect, useRef, useState } from 'preact/hooks';
import { enc, get, type Target } from '../api';
import { BASE, navigate } from '../router';
import { Section, Status, useAsync } from '../ui';

const KIND: Record<string, string> = {
  total: '总数达到', increment: '新增', new: '新建', baseline_total: '基期总数', stat_total: '统计总数',
  stat_increment: '统计新增', stat_accepted: '统计验收', removal: '撤销', conversion: '转建',
};

function group(ts: Target[], key: (t: Target) => string): [string[], number[], number[]] {
  const m = new Map<string, [number, number]>();
  for (const t of ts) {
    if (t.actual === null) continue;
    const k = key(t);
    const [a, b] = m.get(k) || [0, 0];
    m.set(k, [a + (t.target || 0), b + t.actual]);
  }
  const keys = [...m.keys()].sort();
  return [keys, keys.map((k) => m.get(k)![0]), keys.map((k) => m.get(k)![1])];
}

function Chart({ title, data }: { title: string; data: [string[], number[], number[]] }) {
  const el = useRef<HTMLDivElement>(null);
  const [err, setErr] = useState('');
  useEffect(() => {
    let dispose: (() => void) | undefined;
    let dead = false;
    import('./charts').then((m) => { if (!dead && el.current) dispose = m.barChart(el.current, title, ...data); }, (e) => setErr(String(e)));
    return () => { dead = true; dispose?.(); };
  }, [title, JSON.stringify(data)]);
  const [cats, target, actual] = data;
  const summary = cats.map((c, i) => `${c}：目标 ${target[i]}，实际 ${actual[i]}`).join('；');
  return (
    <figure class="chart">
      <div ref={el} class="chart-box" role="img" aria-label={`${title}。${summary}`} />
      {err ? <figcaption class="error">{err}</figcaption> : null}
    </figure>
  );
}

export function TargetsPage({ query }: { query: URLSearchParams }) {
  const region = query.get('region') || '';
  const type = query.get('type') || '';
  const year = query.get('year') || '';
  const [form, setForm] = useState({ region, type, year });
  useEffect(() => setForm({ region, type, year }), [region, type, year]);
  const [msg, setMsg] = useState('');
  const st = useAsync((s) => get<Target[]>('/targets', { region, type, year }, s), [region, type, year]);
  const submit = (e: Event) => {
    e.preventDefault();
    if (form.year && !/^(19|20)\d\d$/.test(form.year.trim())) return setMsg('年份应为四位数字，如 2025');
    setMsg('');
    const q = new URLSearchParams(Object.entries(form).filter(([, v]) => v.trim()).map(([k, v]) => [k, v.trim()]));
    navigate(`/targets${q.toString() ? '?' + q : ''}`);
  };
  const ts = st.data || [];
  const counted = ts.filter((t) => t.actual !== null);
  return (
    <main id="main">
      <h1>政策目标与实际</h1>
      <form class="filters" onSubmit={submit}>
        <label for="tg-region">地区</label>
        <input id="tg-region" value={form.region} placeholder="如：辽宁省" onInput={(e) => setForm({ ...form, region: e.currentTarget.value })} />
        <label for="tg-type">平台类型</label>
        <input id="tg-type" value={form.type} placeholder="如：重点实验室" onInput={(e) => setForm({ ...form, type: e.currentTarget.value })} />
        <label for="tg-year">目标年份</label>
        <input id="tg-year" value={form.year} inputMode="numeric" placeholder="如：2025" onInput={(e) => setForm({ ...form, year: e.currentTarget.value })} />
        <button type="submit">筛选</button>
        {msg ? <span class="error" role="alert">{msg}</span> : null}
      </form>
      <Status {...st} />
      {st.data ? (
        <>
          <p class="muted" role="status">{ts.length} 个目标，其中 {counted.length} 个可与平台数对比。</p>
          {counted.length ? (
            <div class="charts">
              <Chart title="按地区" data={group(counted, (t) => t.region || '未知')} />
              <Chart title="按平台类型" data={group(counted, (t) => `${t.level || ''}${t.type || '未知'}`)} />
              <Chart title="按目标年份" data={group(counted, (t) => String(t.year ?? '未知'))} />
            </div>
          ) : null}
          <Section title="目标明细">
            <table>
              <thead><tr><th scope="col">地区</th><th scope="col">类型</th><th scope="col">年份</th><th scope="col">目标</th><th scope="col">实际</th><th scope="col">差距</th><th scope="col">出处</th></tr></thead>
              <tbody>
                {ts.map((t) => (
                  <tr>
                    <td>{t.region}</td><td>{t.level}{t.type}</td><td>{t.year}</td>
                    <td class="num">{KIND[t.kind] || t.kind} {t.target}{t.target_max ? `–${t.target_max}` : ''}</td>
                    <td class="num">{t.actual ?? '—'}</td>
                    <td class={t.gap !== null && t.gap > 0 ? 'num short' : 'num'}>{t.gap ?? '—'}</td>
                    <td><a href={`${BASE}/entity/${enc(t.document)}`}>{t.title || t.document}</a>{t.evidence[0] ? <>：<q>{t.evidence[0].quote}</q></> : null}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Section>
        </>
      ) : null}
    </main>
  );
}
