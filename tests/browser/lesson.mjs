// Drives one lesson through a real Jupyter front end (JupyterLab 4 or Notebook 7) in Debian's
// Chromium, as a student would: open the notebook, Run > Run All Cells, save; then re-run a training
// cell and press the toolbar's interrupt; Tab completion after `Math.`; restart the kernel and run
// again. It only observes and reports: everything it saw goes into a JSON file that the JUnit test
// (tests/src/test/java/dl10/tests/browser/BrowserLessonTest.java) checks.
//
//   node lesson.mjs CONFIG.json
//
// CONFIG: {"baseUrl": "http://127.0.0.1:PORT", "token": "...", "notebook": "path/in/server/root.ipynb",
//          "frontend": "lab" | "notebook", "result": "out.json", "screenshot": "out.png",
//          "notebookFile": "/the/notebook/on/disk.ipynb", "saved": "copy of it as saved after Run All.ipynb",
//          "runAllTimeoutSeconds": 900, "interrupt": true, "completion": true, "restart": true}
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { chromium } from 'playwright-core';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const result = { notebook: config.notebook, frontend: config.frontend, problems: [], consoleErrors: [] };
const api = (path) => `${config.baseUrl}${path}${path.includes('?') ? '&' : '?'}token=${config.token}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.now() / 1000;
// The notebook panel on show (a fresh workspace holds only this lesson's).
const PANEL = '.jp-NotebookPanel:not(.lm-mod-hidden)';
const CELLS = `${PANEL} .jp-Notebook .jp-Cell`;

function save() {
  writeFileSync(config.result, JSON.stringify(result, null, 2));
}

async function json(path, init) {
  const response = await fetch(api(path), init);
  if (!response.ok) {
    throw new Error(`${init?.method ?? 'GET'} ${path}: HTTP ${response.status}`);
  }
  return response.status === 204 ? null : response.json();
}

/** The kernel of this notebook's session, as the server sees it (id and execution_state), or null. */
async function kernel() {
  const sessions = await json('/api/sessions');
  const session = sessions.find((s) => s.path === config.notebook || s.notebook?.path === config.notebook);
  return session ? { id: session.kernel.id, session: session.id, state: session.kernel.execution_state } : null;
}

async function waitFor(what, seconds, condition, interval = 250) {
  const deadline = now() + seconds;
  for (;;) {
    const value = await condition();
    if (value) {
      return value;
    }
    if (now() > deadline) {
      throw new Error(`timed out after ${seconds} s waiting for ${what}`);
    }
    await sleep(interval);
  }
}

// The observer runs in the page: for every code cell it keeps the images of its output area and
// counts replacements in place (an image in the same output slot whose picture changed while the
// area kept its number of outputs) and appended images (the area grew while holding images).
function installObserver() {
  const notebook = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook');
  const state = new Map();
  const signature = (s) => {
    let h = 0;
    for (let i = 0; i < s.length; i += 3) {
      h = (h * 31 + s.charCodeAt(i)) | 0;
    }
    return s.length + ':' + h;
  };
  const inspect = (cell) => {
    const index = [...notebook.querySelectorAll(':scope .jp-Cell')].indexOf(cell);
    if (index < 0) {
      return;
    }
    const children = [...cell.querySelectorAll('.jp-OutputArea-child')];
    const images = children.map((child) => {
      const img = child.querySelector('.jp-OutputArea-output img');
      return img && img.src ? signature(img.src) : null;
    });
    let s = state.get(index);
    if (!s) {
      s = { slots: [], count: 0, replacements: 0, appendedImages: 0, maxOutputs: 0, times: [], prompt: '', doneAt: null };
      state.set(index, s);
    }
    const prompt = (cell.querySelector('.jp-InputArea-prompt')?.textContent ?? '').trim();
    if (prompt !== s.prompt && /^\[\d+\]/.test(prompt)) {
      s.doneAt = performance.now() / 1000;
    }
    s.prompt = prompt;
    if (children.length === s.count) {
      images.forEach((sig, k) => {
        if (sig && s.slots[k] && sig !== s.slots[k]) {
          s.replacements++;
          s.times.push(performance.now() / 1000);
        }
      });
    } else if (children.length > s.count && s.count > 0 && images.slice(s.count).some((x) => x)) {
      s.appendedImages += images.slice(s.count).filter((x) => x).length;
    }
    s.slots = images;
    s.count = children.length;
    s.maxOutputs = Math.max(s.maxOutputs, children.length);
  };
  new MutationObserver((mutations) => {
    const cells = new Set();
    for (const m of mutations) {
      const node = m.target.nodeType === 1 ? m.target : m.target.parentElement;
      const cell = node && node.closest('.jp-Cell');
      if (cell) {
        cells.add(cell);
      }
    }
    cells.forEach(inspect);
  }).observe(notebook, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['src'] });
  window.__dl10live = state;
}

async function liveState(page) {
  return page.evaluate(() => Object.fromEntries([...window.__dl10live.entries()].map(([k, v]) =>
    [k, { replacements: v.replacements, appendedImages: v.appendedImages, maxOutputs: v.maxOutputs,
      outputs: v.count, times: v.times, doneAt: v.doneAt }])));
}

/** Prompt texts of all code cells, in order ("[3]:", "[*]:", "[ ]:"), with each cell's index among all cells. */
async function prompts(page) {
  return page.$$eval(CELLS, (cells) => cells.map((cell, index) => ({
    index,
    code: cell.classList.contains('jp-CodeCell'),
    prompt: cell.classList.contains('jp-CodeCell')
      ? (cell.querySelector('.jp-InputArea-prompt')?.textContent ?? '').trim() : null,
  })).filter((c) => c.code));
}

/** Waits until no code cell is queued or running and the kernel is idle (seen twice in a row). */
async function waitUntilIdle(page, seconds) {
  let calm = 0;
  let sawWork = false;
  const start = now();
  return waitFor('all cells to finish', seconds, async () => {
    const running = (await prompts(page)).some((p) => p.prompt.includes('*'));
    const k = await kernel();
    const busy = running || !k || k.state !== 'idle';
    sawWork = sawWork || busy;
    if (!busy && (sawWork || now() - start > 10)) {
      calm++;
    } else {
      calm = 0;
    }
    return calm >= 2;
  }, 400);
}

async function clickMenu(page, menu, item) {
  await page.locator('.lm-MenuBar-itemLabel', { hasText: new RegExp(`^${menu}$`) }).first().click();
  await page.locator('.lm-Menu-content .lm-Menu-itemLabel', { hasText: new RegExp(`^${item}$`) }).first().click();
}

async function toolbar(page, command) {
  await page.locator(`${PANEL} .jp-NotebookPanel-toolbar [data-command="${command}"]`).first().click();
}

async function cellLocator(page, index) {
  return page.locator(CELLS).nth(index);
}

/** Selects a cell in command mode by clicking its prompt area. */
async function selectCell(page, index) {
  const cell = await cellLocator(page, index);
  await cell.scrollIntoViewIfNeeded();
  await cell.locator('.jp-InputArea-prompt').first().click();
  await page.keyboard.press('Escape');
}

async function promptOf(page, index) {
  return page.evaluate(([cells, i]) => {
    const cell = document.querySelectorAll(cells)[i];
    return (cell?.querySelector('.jp-InputArea-prompt')?.textContent ?? '').trim();
  }, [CELLS, index]);
}

async function outputText(page, index) {
  return page.evaluate(([cells, i]) => {
    const cell = document.querySelectorAll(cells)[i];
    return [...(cell?.querySelectorAll('.jp-OutputArea-output') ?? [])].map((o) => o.innerText).join('\n');
  }, [CELLS, index]);
}

/**
 * Types code into a new code cell at the end and returns its index. Running the last cell with "run
 * and advance" leaves an empty cell below it; that one is used rather than adding another.
 */
async function appendCell(page, code) {
  const count = await page.locator(CELLS).count();
  const lastIsEmptyCode = await page.evaluate(([cells, i]) => {
    const cell = document.querySelectorAll(cells)[i];
    return cell.classList.contains('jp-CodeCell') && (cell.querySelector('.cm-content')?.textContent ?? '') === '';
  }, [CELLS, count - 1]);
  let index = count - 1;
  if (!lastIsEmptyCode) {
    await selectCell(page, count - 1);
    await toolbar(page, 'notebook:insert-cell-below');
    await waitFor('the new cell', 10, async () => (await page.locator(CELLS).count()) === count + 1);
    index = count;
  }
  const cell = await cellLocator(page, index);
  await cell.scrollIntoViewIfNeeded();
  await cell.locator('.cm-content').click();
  if (code) {
    await page.keyboard.insertText(code);
  }
  return index;
}

async function runSelected(page) {
  await toolbar(page, 'notebook:run-cell-and-select-next');
}

/** Runs one cell and waits until its prompt gets a new number (the observer sees each change of it). */
async function runCellAndWait(page, index, seconds = 120) {
  const before = (await liveState(page))[index]?.doneAt ?? null;
  await selectCell(page, index);
  await runSelected(page);
  await waitFor(`cell ${index + 1} to run`, seconds, async () => {
    const done = (await liveState(page))[index]?.doneAt ?? null;
    return done !== null && done !== before;
  }, 100);
  return { prompt: await promptOf(page, index), output: await outputText(page, index) };
}

/**
 * Saves with the toolbar's button and copies the saved file once the server has written it. The
 * file is read from disk, never through the server while it writes: a read during an atomic write
 * makes jupyter_server move the half-written file aside as *.invalid and restore the old one.
 */
async function saveNotebook(page) {
  const before = (await json(`/api/contents/${encodeURI(config.notebook)}?content=0`)).last_modified;
  await toolbar(page, 'docmanager:save');
  await waitFor('the notebook to be saved', 60, async () =>
    (await json(`/api/contents/${encodeURI(config.notebook)}?content=0`)).last_modified !== before);
  const file = config.notebookFile;
  const intermediate = join(dirname(file), '.~' + basename(file));
  const text = await waitFor('the saved file to be complete', 60, async () => {
    if (existsSync(intermediate)) {
      return null;
    }
    try {
      const content = readFileSync(file, 'utf8');
      JSON.parse(content);
      return content;
    } catch (e) {
      return null;
    }
  }, 200);
  writeFileSync(config.saved, text);
}

/** What the student sees after the run: per cell, outputs, images, typeset maths, leftover $ signs. */
async function domFacts(page) {
  return page.$$eval(CELLS, (cells) => cells.map((cell, index) => {
    const markdown = cell.classList.contains('jp-MarkdownCell');
    const images = [...cell.querySelectorAll('.jp-OutputArea-output img')];
    let text = '';
    const rendered = cell.querySelector('.jp-MarkdownOutput');
    if (markdown && rendered) {
      const copy = rendered.cloneNode(true);
      copy.querySelectorAll('mjx-container, code, pre, script').forEach((n) => n.remove());
      text = copy.textContent;
    }
    return {
      index,
      type: markdown ? 'markdown' : (cell.classList.contains('jp-CodeCell') ? 'code' : 'raw'),
      prompt: cell.classList.contains('jp-CodeCell') ? (cell.querySelector('.jp-InputArea-prompt')?.textContent ?? '').trim() : null,
      outputs: cell.querySelectorAll('.jp-OutputArea-output').length,
      images: images.length,
      imagesShown: images.filter((img) => img.complete && img.naturalWidth > 0).length,
      errorText: [...cell.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')]
        .map((o) => o.innerText).join('\n'),
      markdownRendered: markdown ? !!rendered && !cell.classList.contains('jp-mod-editMode') : null,
      mathjax: cell.querySelectorAll('.jp-MarkdownOutput mjx-container').length,
      mathjaxErrors: cell.querySelectorAll('.jp-MarkdownOutput mjx-merror').length,
      dollarsLeft: markdown ? (text.match(/\$/g) ?? []).length : 0,
      dollarContext: markdown && text.includes('$') ? text.slice(Math.max(0, text.indexOf('$') - 40), text.indexOf('$') + 40) : null,
    };
  }));
}

/**
 * Seconds each code cell ran during Run All: cells run one after the other, so a cell's time is from
 * the moment the previous one finished (or the run started) to the moment its prompt got its number.
 */
function cellSeconds(live, started) {
  const done = Object.entries(live).filter(([, v]) => v.doneAt !== null).sort((a, b) => a[1].doneAt - b[1].doneAt);
  const seconds = {};
  let previous = started;
  for (const [index, v] of done) {
    seconds[index] = Math.max(0, v.doneAt - previous);
    previous = v.doneAt;
  }
  return seconds;
}

/** A screenshot with the cell's outputs (or the cell, when it has none) at the top of the window. */
async function screenshotAt(page, index, path) {
  if (index !== null && index !== undefined) {
    // Cells out of view are laid out with estimated heights: scroll again once they are measured.
    for (let attempt = 0; attempt < 3; attempt++) {
      await page.evaluate(([cells, i]) => {
        const cell = document.querySelectorAll(cells)[i];
        const output = cell.querySelector('.jp-OutputArea-child');
        (output ?? cell).scrollIntoView({ block: 'start' });
      }, [CELLS, index]);
      await sleep(400);
    }
  }
  await page.screenshot({ path });
}

/** Scrolls the notebook to the top and returns its full height in pixels. */
async function scrollToTop(page) {
  return page.evaluate((panel) => {
    const scroller = document.querySelector(`${panel} .jp-WindowedPanel-outer`) ?? document.querySelector(`${panel} .jp-Notebook`);
    scroller.scrollTop = 0;
    return scroller.scrollHeight;
  }, PANEL);
}

/** The whole notebook in one picture: scrolled to the top, the window made as tall as the notebook. */
async function fullScreenshot(page, path) {
  const height = await scrollToTop(page);
  const size = page.viewportSize();
  await page.setViewportSize({ width: size.width, height: Math.min(Math.max(height + 250, size.height), 30000) });
  await sleep(1500);
  await scrollToTop(page);
  await sleep(300);
  await page.screenshot({ path });
  await page.setViewportSize(size);
  await sleep(300);
}

async function main() {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  });
  let page;
  try {
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    page.on('pageerror', (e) => result.consoleErrors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') result.consoleErrors.push(m.text()); });
    // JupyterLab: a workspace of its own, reset, so that no tab of an earlier lesson is restored.
    const workspace = 'w' + Date.now();
    const path = config.frontend === 'lab'
      ? `/lab/workspaces/${workspace}/tree/${encodeURI(config.notebook)}?reset`
      : `/notebooks/${encodeURI(config.notebook)}`;
    const opened = now();
    await page.goto(api(path));
    await page.waitForSelector(CELLS, { timeout: 120000 });
    await waitFor('the kernel to start', 120, async () => (await kernel())?.state === 'idle');
    result.openSeconds = now() - opened;
    await page.evaluate(installObserver);

    // 1. Run > Run All Cells, as a student does, and save what the browser holds.
    const pageStart = await page.evaluate(() => performance.now() / 1000);
    const started = now();
    await clickMenu(page, 'Run', 'Run All Cells');
    await waitUntilIdle(page, config.runAllTimeoutSeconds ?? 900);
    result.runAllSeconds = now() - started;
    result.live = await liveState(page);
    await saveNotebook(page);
    result.cellSeconds = cellSeconds(result.live, pageStart);
    result.cells = await domFacts(page);
    // The lesson's own cell whose chart was replaced in place most often (its longest training).
    const live = Object.entries(result.live).sort((a, b) =>
      (b[1].replacements - a[1].replacements) || ((result.cellSeconds[b[0]] ?? 0) - (result.cellSeconds[a[0]] ?? 0)));
    result.ownLiveChartCell = live.length && live[0][1].replacements > 0 ? Number(live[0][0]) : null;
    // A lesson cell whose chart was redrawn in place at least 3 times and never grew a second image
    // already shows the live chart at work; the test's own training cell then need only be under way.
    const inPlace = live.find(([, v]) => v.replacements >= 3 && v.appendedImages === 0);
    result.ownInPlaceCell = inPlace ? Number(inPlace[0]) : null;
    const firstImage = result.cells.find((c) => c.images > 0);
    await screenshotAt(page, result.ownLiveChartCell ?? firstImage?.index ?? null, config.screenshot);
    await fullScreenshot(page, config.screenshot.replace(/\.png$/, '-full.png'));
    save();

    // 2. A training cell: its live chart replaced in place, the toolbar's interrupt, the next cell.
    if (config.interrupt) {
      result.interrupt = await interrupt(page, result.ownInPlaceCell === null ? 3 : 1);
      save();
    }
    // 3. Tab completion after `Math.`.
    if (config.completion) {
      result.completion = await completion(page);
      save();
    }
    // 4. Restart the kernel; the lesson's first code cell and a new one run in the new kernel.
    if (config.restart) {
      result.restart = await restart(page);
      save();
    }
  } catch (e) {
    result.problems.push(String(e.stack ?? e));
    if (page) {
      const dialog = await page.locator('.jp-Dialog').allInnerTexts().catch(() => []);
      if (dialog.length) {
        result.problems.push('dialog open: ' + dialog.join(' | '));
      }
      await page.screenshot({ path: config.screenshot.replace(/\.png$/, '-failure.png') }).catch(() => {});
    }
  } finally {
    await browser.close();
    try {
      const k = await kernel();
      if (k) {
        await json(`/api/sessions/${k.session}`, { method: 'DELETE' });
      }
    } catch (e) {
      result.problems.push('could not shut the kernel down: ' + e);
    }
    save();
  }
}

// The training cell the interrupt is pressed in: the course's TrainingLoop with its live chart, 20 ms
// steps, long enough never to end by itself in the test. Its chart must be replaced in place, not
// appended to, while it trains. A step waits as native code does: it does not throw when interrupted,
// so the loop sees the interrupt before the next batch, as in a lesson's training.
const TRAINING_CELL = [
  '// browser test: the course\'s training loop, stopped with the toolbar\'s interrupt',
  'try (var m = ai.djl.ndarray.NDManager.newBaseManager()) {',
  '    dl10.lib.TrainingLoop.steps(m, 50).epochs(1000).title("20 ms steps")',
  '            .run(b -> { java.util.concurrent.locks.LockSupport.parkNanos(20_000_000); return b.manager().create(1f / b.epoch()); });',
  '}',
].join('\n');

/** Runs the training cell, presses interrupt once its chart was redrawn {@code redraws} times. */
async function interrupt(page, redraws) {
  const index = await appendCell(page, TRAINING_CELL);
  const started = now();
  await runSelected(page);
  let ended = false;
  await waitFor(`the live chart to be replaced in place ${redraws} time(s)`, 180, async () => {
    const s = (await liveState(page))[index];
    if (s && s.replacements >= redraws) {
      return true;
    }
    if (now() - started > 2 && /^\[\d+\]:?$/.test(await promptOf(page, index))) {
      ended = true;
      return true;
    }
    return false;
  }, 50);
  const live = (await liveState(page))[index];
  if (ended) {
    return { cell: index, endedBeforeInterrupt: true, live, output: await outputText(page, index) };
  }
  const pressed = now();
  await toolbar(page, 'notebook:interrupt-kernel');
  let latency = null;
  try {
    await waitFor('the interrupted cell to end', 30, async () => /^\[\d+\]:?$/.test(await promptOf(page, index)), 25);
    latency = now() - pressed;
  } catch (e) {
    latency = null;
  }
  const output = await outputText(page, index);
  const liveAfter = (await liveState(page))[index];
  await waitFor('the kernel to be idle after the interrupt', 60, async () => (await kernel())?.state === 'idle');
  await screenshotAt(page, index, config.screenshot.replace(/\.png$/, '-interrupted.png'));
  const next = await appendCell(page, 'System.out.println("after the interrupt: " + (6 * 7));');
  const after = await runCellAndWait(page, next);
  return { cell: index, redrawsAwaited: redraws, secondsBeforePress: pressed - started, latencySeconds: latency, live, liveAfter, output,
    next: { cell: next, ...after } };
}

async function completion(page) {
  const index = await appendCell(page, 'Math.');
  await page.keyboard.press('Tab');
  let items = [];
  try {
    await page.waitForSelector('.jp-Completer .jp-Completer-item', { timeout: 20000 });
    // JupyterLab renders the first screenful of items at once and the rest in batches, one per
    // animation frame: read the list once it has stopped growing for a second (frames come late on
    // a busy machine), not when its first item appears.
    const read = () => page.$$eval('.jp-Completer .jp-Completer-item', (els) =>
      els.map((e) => (e.querySelector('.jp-Completer-match')?.textContent ?? e.textContent).trim()));
    let stableSince = now();
    await waitFor('the completer list to stop growing', 20, async () => {
      const again = await read();
      if (again.length !== items.length) {
        stableSince = now();
      }
      items = again;
      return now() - stableSince >= 1;
    }, 100).catch(() => {});   // still growing after 20 s: keep what it shows
  } catch (e) {
    items = [];
  }
  await page.keyboard.press('Escape');
  // Leave a cell that compiles: the restart step runs it.
  await page.keyboard.press('Control+a');
  await page.keyboard.insertText('Math.sqrt(16.0)');
  await page.keyboard.press('Escape');
  return { cell: index, items: items.slice(0, 200) };
}

async function restart(page) {
  await toolbar(page, 'notebook:restart-kernel');
  await page.locator('.jp-Dialog .jp-Dialog-button.jp-mod-accept').click({ timeout: 20000 });
  // The server reports the restart done once the new kernel process answers; the front end may show
  // the kernel's state only after the next message, so the cells themselves prove the new kernel works.
  const states = [];
  try {
    await waitFor('the server to report the restarted kernel idle', 60, async () => {
      const state = (await kernel())?.state;
      if (states[states.length - 1] !== state) {
        states.push(state);
      }
      return state === 'idle';
    }, 200);
  } catch (e) {
    states.push('not idle after 60 s');
  }
  const firstCode = (await prompts(page))[0].index;
  const last = (await page.locator(CELLS).count()) - 1;
  const first = await runCellAndWait(page, firstCode);
  const scratch = await runCellAndWait(page, last);
  return { kernelStates: states, first: { cell: firstCode, ...first }, scratch: { cell: last, ...scratch } };
}

await main();
