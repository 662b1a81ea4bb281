import type { ServerResponse } from 'node:http';
import type { PageAssets } from './assets';

/**
 * Content-Security-Policy of the pages: everything from this server and nothing from anywhere else, so a page
 * works offline and leaks nothing. GraphiQL's editor (Monaco) sets inline styles and loads its icon fonts as
 * data: URLs; the pool page needs neither.
 */
const CSP = {
  explorer: [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self' data:",
    "img-src 'self' data:",
    "worker-src 'self'",
    "connect-src 'self'",
  ],
  poolPage: [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
  ],
  /** The OAuth consent page: no script at all, only its form (form-action is given per page). */
  consent: ["default-src 'none'", "style-src 'self'", "img-src 'self' data:"],
};
const COMMON_CSP = ["object-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'"];

export type PageName = keyof typeof CSP;

/** The Content-Security-Policy of a page; `formAction` lists where its forms (and their redirects) may go. */
export function pageCsp(page: PageName, formAction: string[] = []): string {
  const common = formAction.length
    ? COMMON_CSP.map((d) => (d.startsWith('form-action') ? `form-action ${formAction.join(' ')}` : d))
    : COMMON_CSP;
  return [...CSP[page], ...common].join('; ');
}

export function sendPage(
  res: ServerResponse,
  page: PageName,
  status: number,
  html: string,
  formAction: string[] = [],
): void {
  res.statusCode = status;
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.setHeader('content-security-policy', pageCsp(page, formAction));
  res.setHeader('cache-control', 'no-cache');
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('vary', 'accept');
  res.end(html);
}

export function explorerHtml(assets: PageAssets): string {
  return htmlDocument(
    'Dorfmarkt GraphQL explorer',
    assets,
    '<div id="graphiql" class="explorer">Loading the explorer…</div>',
  );
}

/** The pool page's frame; the script fills it from the `poolUpdated` subscription and keeps it live. */
export function poolPageHtml(assets: PageAssets): string {
  return htmlDocument(
    'Group-buy pool · Dorfmarkt',
    assets,
    `<main class="pool">
  <header>
    <p class="eyebrow">Dorfmarkt · buying together</p>
    <h1 id="product-title" data-testid="product-title">Group-buy pool</h1>
    <p class="shop">from <span id="merchant-name" data-testid="merchant-name">…</span></p>
    <p class="status" data-testid="status" id="status">Connecting…</p>
  </header>
  <section class="progress" aria-label="Progress">
    <p class="committed"><strong data-testid="committed-quantity" id="committed">–</strong>
      <span>of <span id="capacity" data-testid="capacity">–</span> units committed</span></p>
    <progress id="progress" max="1" value="0"></progress>
  </section>
  <dl class="facts">
    <div><dt>Price per unit now</dt><dd data-testid="current-price" id="current-price">–</dd></div>
    <div><dt>Next tier</dt><dd data-testid="next-tier" id="next-tier">–</dd></div>
    <div><dt>Participants</dt><dd data-testid="participant-count" id="participants">–</dd></div>
    <div><dt>Time left</dt><dd data-testid="time-left" id="time-left">–</dd></div>
  </dl>
  <section class="tiers">
    <h2>Price tiers</h2>
    <ol id="tiers" data-testid="tiers"></ol>
  </section>
  <section class="trusted" id="trusted" hidden>
    <h2>People you trust in this pool</h2>
    <ul id="trusted-list" data-testid="trusted-participants"></ul>
  </section>
  <section class="account">
    <form id="sign-in" hidden>
      <h2>Sign in to join</h2>
      <label>Email <input name="email" type="email" autocomplete="username" required></label>
      <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
      <button type="submit">Sign in</button>
    </form>
    <form id="join" hidden>
      <p>Signed in as <strong id="viewer" data-testid="viewer"></strong>
        <button type="button" id="sign-out" class="link">Sign out</button></p>
      <p id="membership" data-testid="membership"></p>
      <label>Quantity <input name="quantity" type="number" min="1" step="1" value="1" required></label>
      <button type="submit" id="join-button" data-testid="join-button">Join the pool</button>
      <button type="button" id="leave-button" data-testid="leave-button" hidden>Leave</button>
    </form>
    <p id="message" role="status" data-testid="message"></p>
  </section>
  <p class="connection" id="connection" data-testid="connection">Connecting…</p>
</main>`,
  );
}

/** Shown instead of a page whose bundles were not built yet. */
export function notBuiltHtml(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not built</title></head>
<body><p>The browser pages are not built yet: run <code>npm run build</code>.</p></body></html>`;
}

function htmlDocument(title: string, assets: PageAssets, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="data:,">
${assets.style ? `<link rel="stylesheet" href="${assets.style}">` : ''}
<script type="module" src="${assets.script}"></script>
</head>
<body>
${body}
</body>
</html>
`;
}
