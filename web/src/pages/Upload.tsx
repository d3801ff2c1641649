// Upload of a new 名单 or policy text (POST /ingest, needs the API key), with per-row errors shown.
import { useState } from 'preact/hooks';
import { apiKey, postForm } from '../api';
import { kindName } from '../labels';
import { Section } from '../ui';

interface Reject { file: string | null; sheet: string | null; row: number | null; column: string | null; reason: string; value: string | null; dropped: boolean }
interface FileResult { name: string; status: string; document: string | null; kind: string | null; rows_read: number; rows_loaded: number; rows_rejected: number; rejects: Reject[]; error: { file: string | null; offset: number | null; reason: string } | null; entities_new: number; entities_existing: number; created: Record<string, number> }
interface IngestOut { files: FileResult[]; loaded: number; unchanged: number; failed: number; derived_links: number | null }

const STATUS: Record<string, string> = { loaded: '已导入', replaced: '已替换', unchanged: '未变化', failed: '失败', refused: '被拒绝' };
const TYPES = '.csv,.xlsx,.xlsm,.docx,.html,.htm,.txt,.md,.pdf';

export function UploadPage() {
  const [files, setFiles] = useState<File[]>([]);
  const [kind, setKind] = useState('auto');
  const [msg, setMsg] = useState('');
  const [busy, setBusy] = useState(false);
  const [res, setRes] = useState<IngestOut | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!files.length) return setMsg('请选择至少一个文件');
    if (!apiKey()) return setMsg('上传需要 API 密钥：请在页面顶部填写并保存');
    const bad = files.find((f) => !TYPES.split(',').some((t) => f.name.toLowerCase().endsWith(t)));
    if (bad) return setMsg(`不支持的文件类型：${bad.name}（支持 ${TYPES}）`);
    setMsg('');
    setBusy(true);
    const form = new FormData();
    files.forEach((f) => form.append('files', f, f.name));
    form.append('kind', kind);
    try {
      setRes(await postForm<IngestOut>('/ingest', form));
    } catch (err) {
      setMsg((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main id="main">
      <h1>上传名单或政策文件</h1>
      <form class="stack" onSubmit={submit}>
        <div class="row">
          <label for="up-files">文件 <span class="muted">（{TYPES.replaceAll(",", " ")}）</span></label>
          <input id="up-files" type="file" multiple accept={TYPES} onChange={(e) => setFiles([...(e.currentTarget.files || [])])} />
        </div>
        <div class="row">
          <label for="up-kind">文件类别</label>
          <select id="up-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
            <option value="auto">自动识别</option><option value="inventory">名单</option><option value="policy">政策文件</option>
          </select>
        </div>
        <p class="muted">写入需要 API 密钥（页面顶部）。同名文件再次上传会替换旧版本；内容相同则不变。</p>
        <button type="submit" disabled={busy}>{busy ? '导入中…' : '上传并导入'}</button>
        {msg ? <p class="error" role="alert">{msg}</p> : null}
      </form>
      {res ? (
        <Section title={`导入结果：${res.loaded} 个导入，${res.unchanged} 个未变化，${res.failed} 个失败`}>
          {res.files.map((f) => (
            <div class="upload-file">
              <h3>{f.name} <span class={`tag st-${f.status}`}>{STATUS[f.status] || f.status}</span></h3>
              {f.error ? <p class="error">原因：{f.error.reason}{f.error.offset !== null ? `（位置 ${f.error.offset}）` : ''}</p> : null}
              <p class="muted">读取 {f.rows_read} 行，导入 {f.rows_loaded} 行，拒绝 {f.rows_rejected} 行；新实体 {f.entities_new}，已有实体 {f.entities_existing}
                {Object.keys(f.created || {}).length ? `（${Object.entries(f.created).filter(([, n]) => n > 0).map(([k, n]) => `${kindName(k)} ${n}`).join('，')}）` : ''}</p>
              {f.rejects.length ? (
                <table>
                  <caption>逐行问题（{f.rejects.length}）</caption>
                  <thead><tr><th scope="col">工作表</th><th scope="col">行</th><th scope="col">列</th><th scope="col">原因</th><th scope="col">值</th><th scope="col">处理</th></tr></thead>
                  <tbody>{f.rejects.slice(0, 500).map((r) => (
                    <tr><td>{r.sheet}</td><td class="num">{r.row}</td><td>{r.column}</td><td>{r.reason}</td><td>{r.value}</td><td>{r.dropped ? '整行丢弃' : '忽略该格'}</td></tr>
                  ))}</tbody>
                </table>
              ) : null}
            </div>
          ))}
        </Section>
      ) : null}
    </main>
  );
}
