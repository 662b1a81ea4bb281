import type { Page } from 'playwright-core';

/** The Monaco editors of GraphiQL's current tab. */
export const EDITORS = {
  operation: '.graphiql-query-editor .monaco-editor',
  variables: '.graphiql-editor-tool .monaco-editor[data-uri$="variables.json"]',
  headers: '.graphiql-editor-tool .monaco-editor[data-uri$="headers.json"]',
};

/** Replaces the text of a Monaco editor: typed key by key, or pasted at once; checks what it then shows. */
export async function replaceEditorText(page: Page, selector: string, text: string, how: 'type' | 'paste') {
  const editor = page.locator(selector);
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  if (how === 'type') await page.keyboard.type(text, { delay: 20 });
  else await page.keyboard.insertText(text);
  await page.keyboard.press('Escape');
  const shown = normalize(await editor.locator('.view-lines').innerText());
  if (shown !== text)
    throw new Error(`the editor shows ${JSON.stringify(shown)}, not ${JSON.stringify(text)}`);
}

/** The response pane's text, once `ready` accepts it. */
export async function resultOf(page: Page, ready: (text: string) => boolean): Promise<string> {
  const response = page.locator('.graphiql-response .view-lines');
  for (const end = Date.now() + 10_000; Date.now() < end; await page.waitForTimeout(50)) {
    const text = normalize(await response.innerText());
    if (ready(text)) return text;
  }
  throw new Error(`no such result; the explorer shows: ${await response.innerText()}`);
}

/** Monaco renders spaces as no-break spaces. */
function normalize(text: string): string {
  return text.replace(/\u00a0/g, ' ').trim();
}
