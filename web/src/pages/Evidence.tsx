// The source of a fact: the document title and the sentence with the span highlighted, or the list's
// file and row.
import { useState } from 'preact/hooks';
import { enc, get, type EvidenceDetail } from '../api';
import { BASE } from '../router';
import { useAsync } from '../ui';

const STOP = /[。！？；\n]/;

function sentence(before: string, after: string): [string, string] {
  let i = before.length - 1;
  while (i >= 0 && !STOP.test(before[i])) i--;
  let j = 0;
  while (j < after.length && !STOP.test(after[j])) j++;
  return [before.slice(i + 1), after.slice(0, Math.min(after.length, j + 1))];
}

export function EvidenceView({ id }: { id: string }) {
  const st = useAsync((s) => get<EvidenceDetail>(`/evidence/${enc(id)}`, { chars: 120 }, s), [id]);
  if (st.error) return <span class="error">{st.error}</span>;
  const e = st.data;
  if (!e) return <span class="muted">加载出处…</span>;
  const doc = <a href={`${BASE}/entity/${enc(e.document)}`}>{e.title || e.document}</a>;
  if (e.row !== null && e.row !== undefined) {
    return <span class="evidence">名单 {doc} 第 {e.row} 行{e.quote ? <>：<q>{e.quote}</q></> : null}</span>;
  }
  const [b, a] = sentence(e.before || '', e.after || '');
  return (
    <span class="evidence">
      《{doc}》：<span class="quote">{b}<mark>{e.span_text ?? e.quote}</mark>{a}</span>
    </span>
  );
}

export function Sources({ ids }: { ids: string[] }) {
  const [open, setOpen] = useState(false);
  if (!ids.length) return <span class="muted">（无出处）</span>;
  return (
    <span>
      <button type="button" class="link" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? '收起出处' : `出处（${ids.length}）`}
      </button>
      {open ? (
        <ul class="sources">{ids.slice(0, 10).map((id) => <li><EvidenceView id={id} /></li>)}</ul>
      ) : null}
    </span>
  );
}
