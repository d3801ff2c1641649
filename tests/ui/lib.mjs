// Shared by the browser flows: Debian's Chromium through playwright-core (from web/node_modules), the
// server URL and key from the environment the pytest side sets (tests/ui/test_browser.py).
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(REPO, 'web', 'package.json'));
const { chromium } = require('playwright-core');

export const BASE = process.env.INNOKG_UI_URL || 'http://127.0.0.1:8932';
export const KEY = process.env.INNOKG_UI_KEY || '';
export const SHOTS = process.env.INNOKG_UI_SHOTS || '';

export async function launch() {
  const dir = mkdtempSync(join(tmpdir(), 'innokg-ui-'));
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.INNOKG_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1366, height: 900 },
    locale: 'zh-CN',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const outside = [];
  const errors = [];
  ctx.on('request', (r) => { const u = new URL(r.url()); if (!['127.0.0.1', 'localhost'].includes(u.hostname) && !u.protocol.startsWith('data')) outside.push(r.url()); });
  ctx.on('page', (p) => p.on('pageerror', (e) => errors.push(String(e))));
  const close = async () => { await ctx.close(); rmSync(dir, { recursive: true, force: true }); };
  return { ctx, outside, errors, close };
}

export async function newPage(b) {
  const page = await b.ctx.newPage();
  page.on('pageerror', (e) => b.errors.push(String(e)));
  page.setDefaultTimeout(30000);
  return page;
}

export async function shot(page, name) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
}

export function check(cond, msg) {
  if (!cond) throw new Error(`FAILED: ${msg}`);
}

export async function setKey(page, key) {
  await page.fill('#apikey', key);
  await page.click('header .keyform button');
}

// Runs a flow and prints one JSON line {ok, figures, error}; exit code 1 on failure.
export async function main(flow) {
  const b = await launch();
  const figures = {};
  try {
    await flow(b, figures);
    check(b.outside.length === 0, `requests left the machine: ${b.outside.slice(0, 3)}`);
    check(b.errors.length === 0, `page errors: ${b.errors.slice(0, 3)}`);
    console.log(JSON.stringify({ ok: true, figures }));
  } catch (e) {
    console.log(JSON.stringify({ ok: false, figures, error: String(e && e.stack || e) }));
    process.exitCode = 1;
  } finally {
    await b.close();
  }
}
