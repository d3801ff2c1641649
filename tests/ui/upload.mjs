// Upload of a new 名单 through the page: without the key it is refused, with it the file is ingested
// and each rejected row is listed (sheet, row, column, reason).
import { BASE, KEY, check, main, newPage, setKey, shot } from './lib.mjs';

const CSV = [
  '云南省科技创新平台名单（市级平台名单）',
  '序号,平台名称,依托单位,共建单位,所在地市,批准年份,研究方向',
  '1,昆明市界面测试材料重点实验室,云南大学,,昆明市,2023,界面测试材料',
  '2,,云南大学,,昆明市,2023,没有名称的一行',
  '3,昆明市界面测试能源工程研究中心,昆明理工大学,,昆明市,二〇二三年,界面测试能源',
].join('\n');

await main(async (b, figures) => {
  const page = await newPage(b);
  await page.goto(`${BASE}/ui/upload`);
  const file = { name: '云南省_市级平台名单_99.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') };
  await page.setInputFiles('#up-files', file);
  await page.click('form.stack button[type=submit]');
  check((await (await page.waitForSelector('form.stack [role=alert]')).textContent()).includes('API 密钥'), 'upload without a key is refused by the page');
  await setKey(page, 'wrong-key-wrong-key-0000');
  await page.click('form.stack button[type=submit]');
  await page.waitForFunction(() => document.querySelector('form.stack [role=alert]')?.textContent.includes('401'));
  await setKey(page, KEY);
  await page.setInputFiles('#up-files', file);
  await page.click('form.stack button[type=submit]');
  await page.waitForSelector('.upload-file h3', { timeout: 120000 });
  const text = await page.textContent('main');
  figures.result = (await page.textContent('.upload-file')).slice(0, 300);
  check(/已导入|已替换/.test(text), `the file was ingested: ${figures.result}`);
  const rejects = await page.locator('.upload-file table tbody tr').count();
  figures.rejects = rejects;
  check(rejects >= 1, 'rejected rows are listed');
  await shot(page, 'upload-result');
  // The new platform is searchable right away.
  await page.goto(`${BASE}/ui/search?q=${encodeURIComponent('界面测试材料')}`);
  await page.waitForSelector('.hits li a');
});
