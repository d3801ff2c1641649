// Small shared components: async loading, errors, links to entities.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { BASE } from './router';
import { kindName } from './labels';

export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): { data?: T; error?: string; loading: boolean } {
  const [state, setState] = useState<{ data?: T; error?: string; loading: boolean }>({ loading: true });
  useEffect(() => {
    const ctl = new AbortController();
    setState({ loading: true });
    load(ctl.signal).then(
      (data) => !ctl.signal.aborted && setState({ data, loading: false }),
      (e: Error) => !ctl.signal.aborted && setState({ error: e.message || String(e), loading: false }),
    );
    return () => ctl.abort();
  }, deps);
  return state;
}

export function Status({ loading, error }: { loading: boolean; error?: string }) {
  if (error) return <p class="error" role="alert">{error}</p>;
  if (loading) return <p class="muted" aria-live="polite">加载中…</p>;
  return null;
}

export function EntityLink({ id, name, kind }: { id: string; name?: string | null; kind?: string }) {
  return (
    <a href={`${BASE}/entity/${encodeURIComponent(id)}`}>
      {name || id}
      {kind ? <span class="tag">{kindName(kind)}</span> : null}
    </a>
  );
}

export function Section({ title, children, id }: { title: string; children: ComponentChildren; id?: string }) {
  return (
    <section class="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

// Client-side checks shared by the forms (the server checks again): empty, too long, markup.
export function checkText(label: string, v: string, { required = true, max = 200 } = {}): string | null {
  const t = v.trim();
  if (required && !t) return `请填写${label}`;
  if (t.length > max) return `${label}过长（${t.length} 字，最多 ${max} 字）`;
  if (/<\s*\/?\s*[a-z!?]|&#|javascript:/i.test(t)) return `${label}只能是纯文本，不能包含标记（如 <b>、<script>）`;
  return null;
}
