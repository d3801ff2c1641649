// Keyboard navigation and labels: every control of every page has an accessible name; the app is
// usable from the keyboard (skip link, nav, search suggestions, the review form).
import { BASE, KEY, check, main, newPage } from './lib.mjs';

const PAGES = ['/ui/', '/ui/search?q=%E6%9D%90%E6%96%99', '/ui/clusters', '/ui/duplicates', '/ui/duplicates?view=pending', '/ui/screen', '/ui/targets', '/ui/upload', '/ui/cypher'];

await main(async (b, figures) => {
  const page = await newPage(b);
  figures.controls = {};
  for (const p of PAGES) {
    await page.goto(BASE + p);
    await page.waitForSelector('main h1');
    await page.waitForLoadState('networkidle');
    const unlabeled = await page.evaluate(() => {
      const bad = [];
      for (const el of document.querySelectorAll('input, select, textarea, button')) {
        if (el.type === 'hidden') continue;
        const id = el.id;
        const name = (el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') ||
          (id && document.querySelector(`label[for="${id}"]`)?.textContent) || el.closest('label')?.textContent ||
          (el.tagName === 'BUTTON' ? el.textContent : '') || '').trim();
        if (!name) bad.push(el.outerHTML.slice(0, 80));
      }
      return { bad, n: document.querySelectorAll('input, select, textarea, button').length };
    });
    figures.controls[p] = unlabeled.n;
    check(unlabeled.bad.length === 0, `${p}: controls without a label: ${unlabeled.bad.join(' | ')}`);
    const h1 = await page.locator('h1').count();
    check(h1 === 1, `${p}: one h1`);
  }
  // Keyboard: Tab reaches the skip link first, then the nav.
  await page.goto(`${BASE}/ui/`);
  await page.waitForSelector('main h1');
  await page.keyboard.press('Tab');
  check((await page.evaluate(() => document.activeElement.textContent)) === '跳到正文', 'first Tab stop is the skip link');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  check((await page.evaluate(() => document.activeElement.textContent)) === '实验室群', 'Tab walks the navigation');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/ui\/clusters$/);
  await page.waitForSelector('table tbody tr');
  // Search from the keyboard only: type, arrow to a suggestion, Enter opens the entity.
  await page.goto(`${BASE}/ui/`);
  await page.focus('main input[role=combobox]');
  await page.keyboard.type('先进材料');
  await page.waitForSelector('main [role=listbox] li[role=option]');
  await page.keyboard.press('ArrowDown');
  check((await page.getAttribute('main input[role=combobox]', 'aria-activedescendant')) !== null, 'ArrowDown marks an option active');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/ui\/entity\//);
  // The review form from the keyboard: radio, note, reviewer, submit.
  await page.goto(`${BASE}/ui/duplicates`);
  await page.waitForSelector('.pairs li');
  await page.fill('#apikey', KEY);
  await page.keyboard.press('Enter');
  await page.focus('input[name=decision][value=duplicate]');
  await page.keyboard.press('Space');
  check(await page.isChecked('input[name=decision][value=duplicate]'), 'Space picks a decision');
  await page.keyboard.press('Tab');
  check((await page.evaluate(() => document.activeElement.id)) === 'dec-note', 'Tab goes on to the note');
});
