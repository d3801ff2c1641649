// Frame times of each graph library with N nodes under real mouse drags and wheel zooms, headless Chromium.
// usage: node bench/run.mjs http://127.0.0.1:PORT [n]
import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const base = process.argv[2];
const n = Number(process.argv[3] || 2000);
const ctx = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'bench-')), {
  executablePath: '/usr/bin/chromium', headless: true, viewport: { width: 800, height: 600 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
const pct = (a, p) => a[Math.min(a.length - 1, Math.floor(a.length * p))];
for (const lib of (process.argv[4] || 'cy,sg,nvl').split(',')) {
  const page = await ctx.newPage();
  const t0 = Date.now();
  try { await page.goto(`${base}/${lib}.html?n=${n}`); } catch { console.log(lib, 'missing'); continue; }
  await page.waitForFunction(() => window.__ready !== undefined, null, { timeout: 60000 });
  const ready = await page.evaluate(() => window.__ready);
  await page.waitForTimeout(500);
  await page.evaluate(() => { window.__p = window.__probe(); });
  const start = Date.now();
  for (let r = 0; r < 3; r++) {
    await page.mouse.move(400, 300); await page.mouse.down();
    for (let i = 0; i < 20; i++) await page.mouse.move(400 + i * 8, 300 + i * 4);
    await page.mouse.up();
    for (let i = 0; i < 10; i++) await page.mouse.wheel(0, r % 2 ? 120 : -120);
  }
  const wall = Date.now() - start;
  const times = (await page.evaluate(() => window.__p.stop())).slice(1).sort((a, b) => a - b);
  const slow = times.filter((t) => t > 50).length;
  console.log(JSON.stringify({ lib, n, build_ms: Math.round(ready), load_ms: Date.now() - t0 - wall, frames: times.length, wall_ms: wall,
    median_ms: +pct(times, 0.5).toFixed(1), p95_ms: +pct(times, 0.95).toFixed(1), max_ms: +times[times.length - 1].toFixed(1), over_50ms: slow }));
  await page.close();
}
await ctx.close();
