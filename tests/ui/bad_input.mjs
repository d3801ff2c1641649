// Bad input in forms (empty, 10 kB strings, markup) → a clear message, nothing stored; every write
// needs the API key (the page says so, and the server refuses without it).
import { BASE, KEY, check, main, newPage, setKey } from './lib.mjs';

const BIG = '重'.repeat(10 * 1024);
const MARKUP = '<img src=x onerror=alert(1)>';
const count = (page) => page.evaluate(() => fetch('/duplicates/decisions?limit=1').then((r) => r.json()).then((j) => j.total));

await main(async (b, figures) => {
  const page = await newPage(b);
  page.on('dialog', () => { throw new Error('a dialog opened: markup was executed'); });
  await page.goto(`${BASE}/ui/duplicates`);
  await page.waitForSelector('.pairs li');
  const n0 = await count(page);
  const submit = async () => {
    await page.click('form.decision button[type=submit]');
    return (await page.waitForSelector('form.decision [role=alert]')).textContent();
  };
  // No key: refused before sending.
  await page.check('input[name=decision][value=duplicate]');
  await page.fill('#dec-reviewer', '审查员');
  const nokey = await submit();
  check(nokey.includes('API 密钥'), `without a key: ${nokey}`);
  await setKey(page, KEY);
  const cases = { empty_reviewer: ['', ''], big_note: ['审查员', BIG], markup_note: ['审查员', MARKUP], markup_reviewer: [MARKUP, ''], big_reviewer: [BIG, ''] };
  figures.messages = {};
  for (const [name, [reviewer, note]] of Object.entries(cases)) {
    await page.fill('#dec-reviewer', reviewer);
    await page.fill('#dec-note', note);
    figures.messages[name] = await submit();
  }
  check(figures.messages.empty_reviewer.includes('请填写审查人'), 'empty reviewer');
  check(figures.messages.big_note.includes('过长'), '10 kB note');
  check(figures.messages.markup_note.includes('纯文本'), 'markup note');
  // The server refuses the same without the page's checks, and without / with a wrong key.
  const server = await page.evaluate(async ({ key, BIG, MARKUP }) => {
    const pair = (await (await fetch('/duplicates?limit=1')).json()).pairs[0];
    const body = { a: pair.a.id, b: pair.b.id, kind: pair.kind, score: pair.score, method_version: 'dedup-x', decision: 'duplicate', note: '', reviewer: 'r' };
    const send = (b, k) => fetch('/duplicates/decisions', { method: 'POST', headers: { 'Content-Type': 'application/json', ...(k ? { 'X-API-Key': k } : {}) }, body: JSON.stringify(b) }).then((r) => r.status);
    return {
      no_key: await send(body, null), wrong_key: await send(body, 'wrong-key-wrong-key-0000'),
      markup: await send({ ...body, note: MARKUP }, key), big: await send({ ...body, note: BIG }, key),
      empty: await send({ ...body, reviewer: '  ' }, key), unknown: await send({ ...body, a: 'plat:nope' }, key),
      same: await send({ ...body, b: body.a }, key), bad_decision: await send({ ...body, decision: 'maybe' }, key),
      ingest_no_key: await fetch('/ingest', { method: 'POST', body: new FormData() }).then((r) => r.status),
    };
  }, { key: KEY, BIG, MARKUP });
  figures.server = server;
  check(server.no_key === 401 && server.wrong_key === 401 && server.ingest_no_key === 401, `writes need the key: ${JSON.stringify(server)}`);
  check(['markup', 'big', 'empty', 'unknown', 'same', 'bad_decision'].every((k) => server[k] === 422), `server refuses bad input: ${JSON.stringify(server)}`);
  check((await count(page)) === n0, 'nothing stored');

  // Screening form: empty, 10 kB, markup.
  await page.goto(`${BASE}/ui/screen`);
  const screen = async (v) => {
    await page.fill('#sc-name', v);
    await page.click('form.stack button[type=submit]');
    return (await page.waitForSelector('form.stack [role=alert]')).textContent();
  };
  figures.screen = { empty: await screen(''), big: await screen(BIG), markup: await screen(MARKUP) };
  check(figures.screen.empty.includes('请填写') && figures.screen.big.includes('过长') && figures.screen.markup.includes('纯文本'), 'screen form messages');
  // Upload: no file; no key.
  await page.goto(`${BASE}/ui/upload`);
  await page.click('form.stack button[type=submit]');
  check((await (await page.waitForSelector('form.stack [role=alert]')).textContent()).includes('请选择'), 'upload without a file');
  // Search: 10 kB and markup in the box.
  await page.goto(`${BASE}/ui/search`);
  await page.fill('main input[role=combobox]', BIG.slice(0, 150));
  await page.click('main form[role=search] button');
  check((await (await page.waitForSelector('main form[role=search] [role=alert]')).textContent()).includes('过长'), 'search too long');
  await page.goto(`${BASE}/ui/search?q=${encodeURIComponent(MARKUP)}`);
  await page.waitForSelector('main [role=status], main .error');
  check((await page.locator('img[src=x]').count()) === 0, 'markup in a query is shown as text');
  // Cypher: a write is refused by the server, a bad JSON by the page.
  await page.goto(`${BASE}/ui/cypher`);
  await page.fill('#cy-text', "CREATE (n:Evil {id: 'x'}) RETURN n");
  await page.click('form.stack button[type=submit]');
  const w = await (await page.waitForSelector('form.stack [role=alert]')).textContent();
  check(w.includes('400'), `a write through Cypher is refused: ${w}`);
  await page.fill('#cy-params', '{not json');
  await page.click('form.stack button[type=submit]');
  await page.waitForFunction(() => document.querySelector('form.stack [role=alert]')?.textContent.includes('JSON'));
  const evil = await page.evaluate(() => fetch('/cypher', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query: 'MATCH (n:Evil) RETURN count(n) AS n' }) }).then((r) => r.json()));
  check(evil.rows[0].n === 0, 'nothing written through Cypher');
});
