/** HTML-escapes text for element content and quoted attributes. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export interface ConsentPage {
  uid: string;
  appName: string;
  appDescription: string;
  homepageUrl: string | null;
  /** The scopes asked for, in words. */
  scopes: Array<{ name: string; words: string }>;
  email?: string;
  message?: string;
}

/**
 * The consent page of /oauth/authorize: the person signs in (labelled Email and Password fields), sees the app's
 * name and what it asks for in words, and allows or denies. Plain HTML, no script: it works offline and its CSP
 * allows nothing from elsewhere.
 */
export function consentHtml(page: ConsentPage): string {
  const app = escapeHtml(page.appName);
  const scopes = page.scopes
    .map((s) => `<li><strong>${escapeHtml(s.words)}</strong> <code>${escapeHtml(s.name)}</code></li>`)
    .join('\n      ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Allow ${app} · Dorfmarkt</title>
<link rel="icon" href="data:,">
</head>
<body>
<main>
  <p>Dorfmarkt</p>
  <h1 data-testid="app-name">${app}</h1>
  <p>wants to use your Dorfmarkt account.</p>
  ${page.appDescription ? `<p data-testid="app-description">${escapeHtml(page.appDescription)}</p>` : ''}
  ${page.homepageUrl ? `<p>Its site: <span>${escapeHtml(page.homepageUrl)}</span></p>` : ''}
  <h2>If you allow it, it may:</h2>
  <ul data-testid="scopes">
      ${scopes || '<li>See what anyone signed in may see</li>'}
  </ul>
  <p>It never sees more than you may, and your privacy settings apply to it. You can disconnect it at any time.</p>
  <form method="post" action="/oauth/consent/${escapeHtml(page.uid)}">
    <p><label for="email">Email</label><br>
      <input id="email" name="email" type="email" autocomplete="username" value="${escapeHtml(page.email ?? '')}" required></p>
    <p><label for="password">Password</label><br>
      <input id="password" name="password" type="password" autocomplete="current-password" required></p>
    ${page.message ? `<p role="alert" data-testid="message">${escapeHtml(page.message)}</p>` : ''}
    <p>
      <button type="submit" name="decision" value="allow">Allow</button>
      <button type="submit" name="decision" value="deny" formnovalidate>Deny</button>
    </p>
  </form>
</main>
</body>
</html>
`;
}

/** A page for what cannot go on (an unregistered redirect URI, an expired sign-in): said in words, nowhere to go. */
export function oauthErrorHtml(title: string, details: Record<string, string>): string {
  const rows = Object.entries(details)
    .map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)} · Dorfmarkt</title><link rel="icon" href="data:,"></head>
<body><main><h1>${escapeHtml(title)}</h1><dl data-testid="error">${rows}</dl></main></body>
</html>
`;
}
