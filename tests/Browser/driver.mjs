// A remote control for Debian's Chromium, for tests written in C#: it reads one JSON command per line on standard
// input and answers each with one JSON line on standard output ({"ok":true,"value":...} or {"ok":false,"error":"..."}).
// The browser is /usr/bin/chromium (CHROMIUM_PATH overrides it) with a fresh profile; playwright-core never downloads one.
//
// Commands: {"op":"goto","url"} {"op":"fill","selector","value"} {"op":"click","selector"}
//   {"op":"waitText","selector","text","timeoutMs"}  some element matching selector has exactly this text (trimmed)
//   {"op":"waitAttribute","selector","name","value","timeoutMs"}
//   {"op":"waitFor","expression","timeoutMs"}  a JavaScript expression in the page becomes truthy
//   {"op":"texts","selector"}  the trimmed texts of all matching elements
//   {"op":"evaluate","expression"}  the value of a JavaScript expression in the page
//   {"op":"screenshot","path"}  {"op":"problems"}  the page's uncaught errors and console errors so far
//   {"op":"close"}
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

const profile = mkdtempSync(join(tmpdir(), 'metergrains-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  // This machine's network is closed: without these Chromium keeps trying to reach Google's services.
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1440, height: 1000 },
  locale: 'en-US',
  timezoneId: process.env.BROWSER_TIME_ZONE || 'UTC',
});
const page = context.pages()[0] ?? (await context.newPage());
const problems = [];
page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
page.on('console', (message) => {
  if (message.type() === 'error') problems.push(`console: ${message.text()}`);
});

async function describe(selector) {
  const texts = await page.locator(selector).allTextContents().catch(() => []);
  return texts.length === 0 ? `nothing matches ${selector}` : `${selector} shows ${JSON.stringify(texts.map((t) => t.trim()))}`;
}

const commands = {
  goto: async ({ url }) => {
    await page.goto(url, { waitUntil: 'load' });
  },
  fill: async ({ selector, value }) => {
    await page.locator(selector).fill(value);
  },
  click: async ({ selector }) => {
    await page.locator(selector).click();
  },
  waitText: async ({ selector, text, timeoutMs = 15000 }) => {
    try {
      await page.waitForFunction(
        ([s, t]) => [...document.querySelectorAll(s)].some((e) => e.textContent.trim() === t),
        [selector, text],
        { timeout: timeoutMs },
      );
    } catch (error) {
      throw new Error(`waited ${timeoutMs} ms for ${selector} to show ${JSON.stringify(text)}: ${await describe(selector)}`);
    }
  },
  waitAttribute: async ({ selector, name, value, timeoutMs = 15000 }) => {
    try {
      await page.waitForFunction(
        ([s, n, v]) => [...document.querySelectorAll(s)].some((e) => e.getAttribute(n) === v),
        [selector, name, value],
        { timeout: timeoutMs },
      );
    } catch (error) {
      const actual = await page.locator(selector).evaluateAll((es, n) => es.map((e) => e.getAttribute(n)), name).catch(() => []);
      throw new Error(`waited ${timeoutMs} ms for ${selector} to have ${name}=${JSON.stringify(value)}: it has ${JSON.stringify(actual)}`);
    }
  },
  // Polled from here: page.evaluate runs an expression over the DevTools protocol, which the page's Content Security
  // Policy (no eval) does not stop, while waitForFunction would evaluate the string inside the page.
  waitFor: async ({ expression, timeoutMs = 15000 }) => {
    const deadline = Date.now() + timeoutMs;
    let last;
    while (Date.now() < deadline) {
      try {
        last = await page.evaluate(expression);
        if (last) return last;
      } catch (error) {
        last = error.message.split('\n')[0];
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`waited ${timeoutMs} ms for ${expression}; last: ${JSON.stringify(last)}`);
  },
  texts: async ({ selector }) => (await page.locator(selector).allTextContents()).map((t) => t.trim()),
  evaluate: async ({ expression }) => page.evaluate(expression),
  screenshot: async ({ path }) => {
    await page.screenshot({ path, fullPage: true, animations: 'disabled' });
    return path;
  },
  problems: async () => problems,
};

async function close() {
  await context.close().catch(() => {});
  rmSync(profile, { recursive: true, force: true });
}

const reply = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);
reply({ ok: true, value: 'ready' });

for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  let command;
  try {
    command = JSON.parse(line);
  } catch {
    reply({ ok: false, error: `not JSON: ${line}` });
    continue;
  }
  if (command.op === 'close') break;
  const run = commands[command.op];
  if (!run) {
    reply({ ok: false, error: `unknown op ${command.op}` });
    continue;
  }
  try {
    reply({ ok: true, value: (await run(command)) ?? null });
  } catch (error) {
    reply({ ok: false, error: String(error?.message ?? error) });
  }
}

await close();
reply({ ok: true, value: 'closed' });
