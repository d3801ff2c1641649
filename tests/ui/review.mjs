// search (suggestions) → entity → graph (expand on click) → a duplicate decision → reload shows it.
import { BASE, KEY, check, main, newPage, setKey, shot } from './lib.mjs';

await main(async (b, figures) => {
  const page = await newPage(b);
  await page.goto(`${BASE}/ui/`);
  const box = page.locator('main input[role=combobox]');
  await box.click();
  await box.pressSequentially('实验室群', { delay: 30 });
  await page.waitForSelector('main [role=listbox] li[role=option]');
  figures.suggestions = await page.locator('main [role=listbox] li').count();
  await shot(page, 'search-suggest');
  await box.press('ArrowDown');
  await box.press('Enter');
  await page.waitForURL(/\/ui\/entity\//);
  await page.waitForSelector('.facts');
  // Graph: the entity and its neighbours; a click on a neighbour expands it.
  await page.waitForFunction(() => window.__innokgGraph && window.__innokgGraph.cy.nodes().length > 1);
  const before = await page.evaluate(() => window.__innokgGraph.cy.nodes().length);
  // Click a depth-1 platform on the canvas. The page may still shift (facts arriving above the graph) between
  // reading a node's position and the click, so the click is retried from a fresh position until the node is
  // expanded; a missed click is a flaky test, not a broken graph.
  await page.locator('.cy').scrollIntoViewIfNeeded();
  await page.waitForLoadState('networkidle');
  const target = await page.evaluate(() => {
    const cy = window.__innokgGraph.cy;
    const n = cy.nodes().filter((x) => x.data('depth') === 1 && x.data('label') === 'Platform')[0] || cy.nodes()[1];
    return n.id();
  });
  for (let attempt = 0; attempt < 4; attempt++) {
    const pos = await page.evaluate((id) => {
      const cy = window.__innokgGraph.cy;
      const r = cy.container().getBoundingClientRect();
      const p = cy.getElementById(id).renderedPosition();
      return { x: r.left + p.x, y: r.top + p.y };
    }, target);
    await page.mouse.click(pos.x, pos.y);
    const done = await page
      .waitForFunction((id) => window.__innokgGraph.isExpanded(id), target, { timeout: 8000 })
      .then(() => true, () => false);
    if (done) break;
    await page.locator('.cy').scrollIntoViewIfNeeded();
  }
  await page.waitForFunction((n) => window.__innokgGraph.cy.nodes().length > n, before, { timeout: 15000 });
  figures.graph_nodes = [before, await page.evaluate(() => window.__innokgGraph.cy.nodes().length)];
  // Filter by relationship type: unticking one hides its edges.
  const first = page.locator('fieldset.rels input[type=checkbox]').first();
  await first.uncheck();
  await page.waitForFunction(() => window.__innokgGraph.cy.edges('.hidden').length > 0, null, { timeout: 5000 });
  await first.check();
  await page.locator('.graph').scrollIntoViewIfNeeded();
  await shot(page, 'graph');

  // Duplicate decision, stored in the graph, shown after a reload.
  await page.goto(`${BASE}/ui/duplicates?region=${encodeURIComponent('辽宁省')}`);
  await page.waitForSelector('.pairs li');
  await setKey(page, KEY);
  await page.locator('.pairs li a').nth(1).click();
  await page.waitForURL(/pair=/);
  const note = `浏览器测试 ${Date.now()}`;
  await page.check('input[name=decision][value=not_duplicate]');
  await page.fill('#dec-note', note);
  await page.fill('#dec-reviewer', '测试审查员');
  await page.click('form.decision button[type=submit]');
  await page.waitForSelector('form.decision .ok[role=status]');
  await page.reload();
  await page.waitForSelector('ul.history li');
  const hist = await page.textContent('ul.history');
  check(hist.includes(note) && hist.includes('不重复') && hist.includes('测试审查员'), `reload shows the decision: ${hist}`);
  check((await page.locator('.pairs li.active .dec-not_duplicate').count()) === 1, 'the pair list marks the decision');
  await shot(page, 'duplicates-decided');
  // The export carries it.
  const csv = await page.evaluate(() => fetch('/duplicates/decisions/export?format=csv').then((r) => r.text()));
  check(csv.includes(note), 'CSV export holds the decision');
  const json = await page.evaluate(() => fetch('/duplicates/decisions/export?format=json').then((r) => r.json()));
  check(json.some((d) => d.note === note && d.method_version && d.score >= 0 && d.a < d.b), 'JSON export holds it with pair, score, method');
});
