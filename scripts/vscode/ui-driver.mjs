// Playwright steps on code-server's workbench, shared by the UI scenes (ui-smoke.mjs). Every step
// waits for the element it needs (no sleeps); each throws with what it was waiting for.
import { basename, relative } from 'node:path';

export const STEP_MS = 30_000;
/** The editor of the active editor group (other .monaco-editor instances: panels, inputs). */
export const ACTIVE_EDITOR = '.editor-group-container.active .monaco-editor';
/** Editor group 1 (the Dockerfile; the stage graph opens beside it). */
export const FIRST_EDITOR = '.editor-group-container .monaco-editor';

const collapse = (s) => s.replace(/\s+/g, ' ').trim();

/**
 * The centre of `word` inside the first rendered editor line containing `lineText`, in page
 * coordinates (null while that line is not rendered). Monaco splits a line into token spans and
 * renders spaces as U+00A0, so the offset is mapped back onto the text nodes.
 */
export async function wordCentre(page, lineText, word) {
  return page.evaluate(
    ({ selector, lineText, word }) => {
      for (const line of document.querySelectorAll(`${selector} .view-lines .view-line`)) {
        const text = line.textContent.replace(/\u00a0/g, ' ');
        const at = text.indexOf(lineText);
        if (at < 0) continue;
        const start = at + lineText.indexOf(word);
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        let offset = 0;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const length = node.textContent.length;
          if (start < offset + length) {
            const range = document.createRange();
            range.setStart(node, start - offset);
            range.setEnd(node, Math.min(length, start - offset + word.length));
            const r = range.getBoundingClientRect();
            return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
          }
          offset += length;
        }
      }
      return null;
    },
    { selector: ACTIVE_EDITOR, lineText, word },
  );
}

/** Puts the cursor on a 1-based line with Go to Line (Ctrl+G), which also scrolls it into view. */
export async function goToLine(page, line) {
  await page.locator(ACTIVE_EDITOR).first().click({ position: { x: 200, y: 10 } });
  await typeIntoQuickInput(page, 'Control+g', `:${line}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget input').waitFor({ state: 'hidden', timeout: STEP_MS });
}

/** The cursor's line (1-based) as the status bar shows it ("Ln 15, Col 1"); undefined when not shown. */
export async function cursorLine(page) {
  const item = page.locator('#status\\.editor\\.selection');
  if (!(await item.isVisible().catch(() => false))) return undefined;
  const m = /Ln (\d+)/.exec(await item.innerText());
  return m ? Number(m[1]) : undefined;
}

/** Polls `fn` until it returns a truthy value; throws `what` after `ms`. For facts no element signals. */
export async function until(what, fn, ms = STEP_MS) {
  const deadline = Date.now() + ms;
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms / 1000} s waiting for ${typeof what === 'function' ? what() : what}`);
    await new Promise((r) => setTimeout(r, 100)); // poll interval, not a wait for time to pass
  }
}

/**
 * Moves the mouse onto `word` of the line containing `lineText` and waits for a hover showing
 * `expected`. The word's position is measured again on each attempt (lenses arriving late shift the
 * lines), and the mouse leaves and comes back, as a user would, until the deadline.
 */
export async function hoverWord(page, lineText, word, expected) {
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: expected });
  const deadline = Date.now() + STEP_MS;
  for (;;) {
    const centre = await wordCentre(page, lineText, word);
    if (centre) {
      await page.mouse.move(centre.x, centre.y + 40);
      await page.mouse.move(centre.x, centre.y, { steps: 4 });
      try {
        await hover.first().waitFor({ state: 'visible', timeout: 4_000 });
        return collapse(await hover.first().innerText());
      } catch (e) {
        if (Date.now() > deadline) throw new Error(`no hover with '${expected}' on '${word}' of '${lineText}': ${e.message.split('\n')[0]}`);
      }
    } else if (Date.now() > deadline) {
      throw new Error(`'${lineText}' is not rendered in the editor`);
    } else {
      await page.waitForTimeout(100); // poll interval while the line renders
    }
  }
}

/**
 * A screenshot region, kept small for the README: the editor area from its top (or `fromY`) down to
 * the last rendered line (or the line containing `untilText`), and right to the end of the longest
 * text, lens or widget shown, each plus a margin; the `also` elements (a hover) are kept whole.
 */
export async function editorClip(page, { fromY, untilText, also = [] } = {}) {
  const area = await page.locator('.part.editor').first().boundingBox();
  if (!area) return undefined;
  const extent = await page.evaluate(
    ({ selector, untilText, also }) => {
      const rects = [];
      let until;
      for (const line of document.querySelectorAll(`${selector} .view-lines .view-line`)) {
        const box = line.getBoundingClientRect();
        const spans = line.querySelectorAll('span');
        const last = spans[spans.length - 1];
        rects.push({ bottom: box.bottom, right: last ? last.getBoundingClientRect().right : box.left });
        if (untilText && until === undefined && line.textContent.replace(/\u00a0/g, ' ').includes(untilText)) until = box.bottom;
      }
      for (const sel of [`${selector} .codelens-decoration`, ...also]) {
        for (const e of document.querySelectorAll(sel)) rects.push(e.getBoundingClientRect());
      }
      const kept = also.flatMap((sel) => [...document.querySelectorAll(sel)].map((e) => e.getBoundingClientRect().bottom));
      const bottoms = rects.map((r) => r.bottom);
      return {
        bottom: until === undefined ? Math.max(...bottoms) : Math.max(until, ...kept),
        right: Math.max(...rects.map((r) => r.right)),
      };
    },
    { selector: ACTIVE_EDITOR, untilText, also },
  );
  const top = Math.max(area.y, fromY ?? area.y);
  const bottom = Math.min(area.y + area.height, Math.max(extent.bottom, top + 100) + (untilText ? 4 : 16));
  const right = Math.min(area.x + area.width, Math.max(extent.right, area.x + 400) + 32);
  return { x: area.x, y: top, width: Math.round(right - area.x), height: Math.round(bottom - top) };
}

/**
 * Opens the quick input with `key` and types `text` into it. The workbench may take the focus back
 * right after the key (an editor or a webview closing, a notification), which closes the quick input
 * again: then it is opened once more, as a user would.
 */
async function typeIntoQuickInput(page, key, text) {
  const input = page.locator('.quick-input-widget input');
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press(key);
    try {
      await input.waitFor({ state: 'visible', timeout: STEP_MS });
      await input.fill(text, { timeout: attempt < 3 ? 5_000 : STEP_MS });
      return;
    } catch (e) {
      if (attempt >= 3) throw e;
      await page.keyboard.press('Escape');
    }
  }
}

/** Opens a workspace file with Quick Open (Ctrl+P) and waits for its tab to be the active one. */
export async function quickOpen(page, workspace, absPath) {
  const name = basename(absPath);
  await typeIntoQuickInput(page, 'Control+p', relative(workspace, absPath));
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: name });
  await row.first().waitFor({ state: 'visible', timeout: STEP_MS });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: STEP_MS });
}

/** Runs a command from the palette (F1) by its title, as a user would: the row must be offered. */
export async function paletteCommand(page, title) {
  await typeIntoQuickInput(page, 'F1', `>${title}`);
  const label = page.locator('.label-name', { hasText: new RegExp(`^\\s*${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) });
  // Enter runs the focused row: wait until the list has settled with this command focused (a click
  // can land on another row while the filtered list is still being laid out).
  const row = page.locator('.quick-input-widget .monaco-list-row.focused', { has: label }).first();
  await row.waitFor({ state: 'visible', timeout: STEP_MS });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget input').waitFor({ state: 'hidden', timeout: STEP_MS });
}

/**
 * The notification whose text matches `text`, in the notification centre (opened with a click on
 * the status bar's bell when it is not open). Headless, the workbench adds notifications to the
 * centre but shows no toast for them, so the centre is where a user (and this script) sees them.
 */
export async function notification(page, text, ms = STEP_MS) {
  const center = page.locator('.notifications-center');
  const item = center.locator('.notification-list-item', { hasText: text }).first();
  try {
    // The centre closes when the focus moves (a task's terminal opening): open it again while waiting.
    await until(`a notification with '${text}'`, async () => {
      if (!(await center.isVisible())) {
        await page.locator('#status\\.notifications').click();
        await page.mouse.move(5, 200); // off the bell: no tooltip over the centre
        await center.waitFor({ state: 'visible', timeout: STEP_MS });
      }
      return item.isVisible();
    }, ms);
  } catch (e) {
    const seen = await center.locator('.notification-list-item').allInnerTexts().catch(() => []);
    throw new Error(`${e.message}; the centre shows: ${JSON.stringify(seen)}`);
  }
  return item;
}

/** The visible lens of the Dockerfile editor whose text matches `text` (a string or RegExp). */
export function lens(page, text) {
  return page.locator(`${ACTIVE_EDITOR} .codelens-decoration a`, { hasText: text }).first();
}

/** Clicks the lens whose text is exactly `title` (lenses of one line share a decoration). */
export async function clickLens(page, title) {
  const link = page.locator(`${ACTIVE_EDITOR} .codelens-decoration a`).filter({ hasText: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).first();
  await link.waitFor({ state: 'visible', timeout: STEP_MS });
  await link.click();
}

/** The text of every lens shown in the Dockerfile editor, top to bottom. */
export async function lensTexts(page) {
  return (await page.locator(`${ACTIVE_EDITOR} .codelens-decoration a`).allInnerTexts()).map(collapse);
}

/** The frame of the stage graph webview (the one that draws `.node`s), once it has drawn `count` or any. */
export async function graphFrame(page, { count, ms = STEP_MS } = {}) {
  return until(
    `the stage graph to draw ${count ?? 'its'} nodes`,
    async () => {
      for (const frame of page.frames()) {
        const n = await frame.locator('.node').count().catch(() => 0);
        if (n > 0 && (count === undefined || n === count)) return frame;
      }
      return undefined;
    },
    ms,
  );
}
