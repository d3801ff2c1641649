// Calls to the InnoKG JSON API (same origin). Errors become ApiError with a Chinese message built from
// the problem+json answer (detail and per-field errors).

const KEY_STORE = 'innokg.apiKey';

export function apiKey(): string {
  return sessionStorage.getItem(KEY_STORE) || '';
}

export function setApiKey(key: string): void {
  if (key) sessionStorage.setItem(KEY_STORE, key);
  else sessionStorage.removeItem(KEY_STORE);
}

export class ApiError extends Error {
  constructor(public status: number, message: string) {
    super(message);
  }
}

const STATUS_TEXT: Record<number, string> = {
  400: '请求被拒绝',
  401: '需要正确的 API 密钥',
  403: '服务器未开放写入（未配置 API 密钥）',
  404: '未找到',
  409: '另一个导入正在进行，请稍后再试',
  413: '上传内容过大',
  422: '输入无效',
  503: '图数据库不可用',
  504: '查询超时',
};

async function problem(res: Response): Promise<ApiError> {
  let detail = '';
  try {
    const body = await res.json();
    detail = body.detail || body.title || '';
    if (Array.isArray(body.errors) && body.errors.length) {
      detail += '：' + body.errors.map((e: { loc?: unknown[]; msg?: string }) =>
        `${(e.loc || []).slice(1).join('.')} ${e.msg || ''}`.trim()).join('；');
    }
  } catch {
    detail = res.statusText;
  }
  const head = STATUS_TEXT[res.status] || `请求失败`;
  return new ApiError(res.status, `${head}（${res.status}）${detail ? '：' + detail : ''}`);
}

function headers(extra?: Record<string, string>): Record<string, string> {
  const h: Record<string, string> = { Accept: 'application/json', ...extra };
  const key = apiKey();
  if (key) h['X-API-Key'] = key;
  return h;
}

export type Query = Record<string, string | number | boolean | undefined | null | (string | number)[]>;

export function url(path: string, q?: Query): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q || {})) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) v.forEach((x) => p.append(k, String(x)));
    else p.append(k, String(v));
  }
  const s = p.toString();
  return s ? `${path}?${s}` : path;
}

export async function get<T>(path: string, q?: Query, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url(path, q), { headers: headers(), signal });
  if (!res.ok) throw await problem(res);
  return res.json() as Promise<T>;
}

export async function post<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(path, {
    method: 'POST',
    headers: headers({ 'Content-Type': 'application/json' }),
    body: JSON.stringify(body),
  });
  if (!res.ok) throw await problem(res);
  return res.json() as Promise<T>;
}

export async function postForm<T>(path: string, form: FormData): Promise<T> {
  const res = await fetch(path, { method: 'POST', headers: headers(), body: form });
  if (!res.ok) throw await problem(res);
  return res.json() as Promise<T>;
}

export const enc = (id: string) => encodeURIComponent(id);

// --- shapes of the answers used here (docs/api.md) ---
export interface Hit { id: string; kind: string; name: string; score: number; snippet: string | null }
export interface SearchPage { q: string; total: number; total_exact: boolean; items: Hit[] }
export interface Neighbour { id: string; label: string; name: string | null; direction: 'in' | 'out'; props: Record<string, unknown> }
export interface EvidenceRef { id: string; document: string; title: string | null; start: number | null; end: number | null; row: number | null; quote: string | null; rule: string | null; confidence: number | null }
export interface Entity { id: string; label: string; props: Record<string, unknown>; neighbours: Record<string, Neighbour[]>; neighbours_truncated: boolean; evidence: EvidenceRef[] }
export interface EvidenceDetail extends EvidenceRef { doc_kind: string | null; before: string | null; span_text: string | null; after: string | null }
export interface Ref { id: string; label?: string; name: string; org?: string | null }
export interface Cluster { id: string; name: string; region: string | null; members: number; leads: Ref[]; directors: Ref[]; serves: Ref[] }
export interface Page<T> { total: number; skip: number; limit: number; items: T[] }
export interface Member { id: string; label: string; kind: string | null; name: string; role: string | null; type: string | null; level: string | null }
export interface PlatformRef { id: string; name: string; type: string | null; host: string | null; region: string | null; source: { file: string | null; row: number | null; seq: string | null } }
export interface Reason { feature: string; value: number | string | null; contribution: number }
export interface PolicyBasis { doc_id: string; quote: string; span: [number, number] | null }
export interface Pair { a: PlatformRef; b: PlatformRef; kind: string; score: number; reasons: Reason[]; policy_basis: PolicyBasis | null }
export interface Candidate { platform: PlatformRef; kind: string; score: number; reasons: Reason[]; policy_basis: PolicyBasis | null }
export interface Decision { id: string; pair_key: string; a: string; b: string; a_name: string | null; b_name: string | null; kind: string | null; score: number | null; method_version: string | null; decision: string; note: string | null; reviewer: string | null; ts: string }
export interface Target { id: string; target: number; target_max: number | null; kind: string; type: string | null; level: string | null; region: string | null; year: number | null; document: string; title: string | null; actual: number | null; gap: number | null; evidence: { id: string; quote: string }[] }
