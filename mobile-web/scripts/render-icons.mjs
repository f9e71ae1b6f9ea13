// Renders public/icons/*.svg to the PNG sizes the web app manifest needs.
// Run: node scripts/render-icons.mjs (needs Debian's Chromium at /usr/bin/chromium).
import { readFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';

const dir = new URL('../public/icons/', import.meta.url);
const jobs = [
  ['icon.svg', 'icon-192.png', 192],
  ['icon.svg', 'icon-512.png', 512],
  ['icon.svg', 'icon-180.png', 180],
  ['icon-maskable.svg', 'icon-maskable-512.png', 512],
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  for (const [source, target, size] of jobs) {
    const svg = await readFile(new URL(source, dir), 'utf8');
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`);
    await page.screenshot({ path: new URL(target, dir).pathname, omitBackground: true });
    await page.close();
    console.log(target);
  }
} finally {
  await browser.close();
}
