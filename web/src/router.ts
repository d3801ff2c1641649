// A small history router for /ui/… paths: deep links a colleague can paste.
import { useEffect, useState } from 'preact/hooks';

export const BASE = '/ui';

export function navigate(to: string, replace = false): void {
  const full = to.startsWith(BASE) ? to : BASE + to;
  if (replace) history.replaceState(null, '', full);
  else history.pushState(null, '', full);
  window.dispatchEvent(new Event('innokg:navigate'));
}

export function useLocation(): { path: string; query: URLSearchParams } {
  const read = () => ({ path: location.pathname.replace(/^\/ui/, '') || '/', query: new URLSearchParams(location.search) });
  const [loc, setLoc] = useState(read);
  useEffect(() => {
    const on = () => {
      setLoc(read());
      window.scrollTo(0, 0);
    };
    window.addEventListener('popstate', on);
    window.addEventListener('innokg:navigate', on);
    return () => {
      window.removeEventListener('popstate', on);
      window.removeEventListener('innokg:navigate', on);
    };
  }, []);
  return loc;
}

// Links inside the app are plain <a href="/ui/…">; one listener turns their clicks into navigation.
export function installLinkHandler(): void {
  document.addEventListener('click', (ev) => {
    if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    const a = (ev.target as Element).closest?.('a');
    if (!a || a.target || a.hasAttribute('download')) return;
    const href = a.getAttribute('href') || '';
    if (!href.startsWith(BASE + '/') && href !== BASE) return;
    ev.preventDefault();
    navigate(href);
  });
}
