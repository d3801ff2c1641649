// Search with suggestions as you type: a WAI-ARIA combobox (arrow keys, Enter, Escape).
import { useEffect, useRef, useState } from 'preact/hooks';
import { get, type SearchPage } from '../api';
import { kindName } from '../labels';
import { navigate } from '../router';

const SUGGEST_KINDS = ['Platform', 'Institution', 'Agency', 'LabCluster', 'IndustrialChain', 'IndustrialCluster'];
let seq = 0;

export function SearchBox({ compact = false, initial = '' }: { compact?: boolean; initial?: string }) {
  const [q, setQ] = useState(initial);
  const [items, setItems] = useState<SearchPage['items']>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [msg, setMsg] = useState('');
  const id = useRef(`sb${++seq}`).current;
  useEffect(() => setQ(initial), [initial]);
  useEffect(() => {
    const t = q.trim();
    if (!t || t.length > 100) {
      setItems([]);
      return;
    }
    const ctl = new AbortController();
    const timer = setTimeout(() => {
      get<SearchPage>('/search', { q: t, limit: 8, kind: SUGGEST_KINDS }, ctl.signal).then(
        (r) => { setItems(r.items); setActive(-1); },
        () => undefined,
      );
    }, 150);
    return () => { clearTimeout(timer); ctl.abort(); };
  }, [q]);
  const submit = () => {
    const t = q.trim();
    if (!t) return setMsg('请输入要搜索的名称、简称或领域');
    if (t.length > 100) return setMsg('搜索词过长（最多 100 字）');
    setMsg('');
    setOpen(false);
    if (active >= 0 && items[active]) navigate(`/entity/${encodeURIComponent(items[active].id)}`);
    else navigate(`/search?q=${encodeURIComponent(t)}`);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') { e.preventDefault(); setOpen(true); setActive((a) => Math.min(items.length - 1, a + 1)); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => Math.max(-1, a - 1)); }
    else if (e.key === 'Escape') { setOpen(false); setActive(-1); }
  };
  const show = open && items.length > 0;
  return (
    <form role="search" class={compact ? 'searchbox compact' : 'searchbox'} onSubmit={(e) => { e.preventDefault(); submit(); }}>
      <label for={`${id}-input`} class={compact ? 'sr-only' : undefined}>搜索平台、单位、部门、实验室群、产业链</label>
      <div class="combo">
        <input id={`${id}-input`} type="search" {...({ role: 'combobox' } as object)} autocomplete="off" aria-autocomplete="list"
          aria-expanded={show} aria-controls={`${id}-list`}
          aria-activedescendant={active >= 0 ? `${id}-opt-${active}` : undefined}
          placeholder="如：大连化物所、先进材料、实验室群" value={q} maxLength={200}
          onInput={(e) => { setQ(e.currentTarget.value); setOpen(true); setMsg(''); }}
          onKeyDown={onKey} onBlur={() => setTimeout(() => setOpen(false), 150)} onFocus={() => setOpen(true)} />
        <ul id={`${id}-list`} role="listbox" aria-label="搜索建议" class="suggest" hidden={!show}>
          {items.map((h, i) => (
            <li id={`${id}-opt-${i}`} role="option" aria-selected={i === active} class={i === active ? 'active' : ''}
              onMouseDown={(e) => { e.preventDefault(); setOpen(false); navigate(`/entity/${encodeURIComponent(h.id)}`); }}>
              <span>{h.name}</span> <span class="tag">{kindName(h.kind)}</span>
            </li>
          ))}
        </ul>
      </div>
      <button type="submit">搜索</button>
      {msg ? <span class="error" role="alert">{msg}</span> : null}
    </form>
  );
}
