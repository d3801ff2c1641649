import { render } from 'preact';
import { lazy, Suspense } from 'preact/compat';
import { useState } from 'preact/hooks';
import { apiKey, setApiKey } from './api';
import { BASE, installLinkHandler, useLocation } from './router';
import { SearchPage } from './pages/Search';
import { SearchBox } from './pages/SearchBox';
import './style.css';

// Heavier pages are loaded on demand, so the first load of /ui/ stays small.
const EntityPage = lazy(() => import('./pages/Entity').then((m) => ({ default: m.EntityPage })));
const ClustersPage = lazy(() => import('./pages/Clusters').then((m) => ({ default: m.ClustersPage })));
const ClusterPage = lazy(() => import('./pages/Clusters').then((m) => ({ default: m.ClusterPage })));
const DuplicatesPage = lazy(() => import('./pages/Duplicates').then((m) => ({ default: m.DuplicatesPage })));
const ScreenPage = lazy(() => import('./pages/Screen').then((m) => ({ default: m.ScreenPage })));
const TargetsPage = lazy(() => import('./pages/Targets').then((m) => ({ default: m.TargetsPage })));
const UploadPage = lazy(() => import('./pages/Upload').then((m) => ({ default: m.UploadPage })));
const CypherPage = lazy(() => import('./pages/Cypher').then((m) => ({ default: m.CypherPage })));

const NAV: [string, string][] = [
  ['/search', '搜索'],
  ['/clusters', '实验室群'],
  ['/duplicates', '重复建设审查'],
  ['/screen', '新建查重'],
  ['/targets', '目标与实际'],
  ['/upload', '上传名单'],
  ['/cypher', 'Cypher 查询'],
];

function KeyField() {
  const [key, setKey] = useState(apiKey());
  const [saved, setSaved] = useState(false);
  return (
    <form
      class="keyform"
      onSubmit={(e) => {
        e.preventDefault();
        setApiKey(key.trim());
        setSaved(true);
      }}
    >
      <label for="apikey">API 密钥</label>
      <input id="apikey" type="password" autocomplete="off" value={key} placeholder="写入时需要"
        onInput={(e) => { setKey(e.currentTarget.value); setSaved(false); }} />
      <button type="submit">保存</button>
      {saved ? <span class="muted" role="status">{key ? '已保存（仅本标签页）' : '已清除'}</span> : null}
    </form>
  );
}

function Route({ path, query }: { path: string; query: URLSearchParams }) {
  const seg = path.split('/').filter(Boolean).map(decodeURIComponent);
  switch (seg[0] || '') {
    case '':
    case 'search':
      return <SearchPage q={query.get('q') || ''} kind={query.get('kind') || ''} />;
    case 'entity':
      return <EntityPage id={seg.slice(1).join('/')} />;
    case 'clusters':
      return seg[1] ? <ClusterPage id={seg[1]} other={query.get('with') || ''} /> : <ClustersPage />;
    case 'duplicates':
      return <DuplicatesPage query={query} />;
    case 'screen':
      return <ScreenPage />;
    case 'targets':
      return <TargetsPage query={query} />;
    case 'upload':
      return <UploadPage />;
    case 'cypher':
      return <CypherPage name={query.get('q') || ''} />;
    default:
      return (
        <main id="main"><h1>页面不存在</h1><p><a href={`${BASE}/`}>返回首页</a></p></main>
      );
  }
}

function App() {
  const { path, query } = useLocation();
  const top = '/' + (path.split('/')[1] || 'search');
  return (
    <>
      <a class="skip" href="#main">跳到正文</a>
      <header class="top">
        <a class="brand" href={`${BASE}/`}>InnoKG 科技创新平台图谱</a>
        <nav aria-label="主导航">
          {NAV.map(([p, t]) => (
            <a href={BASE + p} aria-current={top === p ? 'page' : undefined}>{t}</a>
          ))}
        </nav>
        <SearchBox compact />
        <KeyField />
      </header>
      <Suspense fallback={<main id="main"><p class="muted">加载中…</p></main>}>
        <Route path={path} query={query} />
      </Suspense>
    </>
  );
}

installLinkHandler();
render(<App />, document.getElementById('app')!);
