import {
  formatMoney,
  isJoinable,
  nextTierText,
  participantsText,
  type PoolState,
  statusText,
  tierText,
  timeLeftText,
} from './format';

/** The pool page's elements (rendered by the server, see src/web/pages.ts), filled from the pool's state. */
export class PoolView {
  private pool: PoolState | null = null;
  readonly signInForm = form('sign-in');
  readonly joinForm = form('join');
  readonly signOutButton = element<HTMLButtonElement>('sign-out');
  readonly leaveButton = element<HTMLButtonElement>('leave-button');
  private readonly joinButton = element<HTMLButtonElement>('join-button');

  render(pool: PoolState): void {
    this.pool = pool;
    // What is being bought, and from whom: plain text, linking nowhere.
    text('product-title', pool.product.title);
    text('merchant-name', pool.merchant.name);
    document.title = `${pool.product.title} · group buy · Dorfmarkt`;
    text('status', statusText(pool.status));
    element('status').dataset.status = pool.status;
    text('committed', String(pool.committedQuantity));
    text('capacity', String(pool.capacity));
    const progress = element<HTMLProgressElement>('progress');
    progress.max = Math.max(pool.capacity, 1);
    progress.value = pool.committedQuantity;
    text('current-price', formatMoney(pool.currentUnitPrice));
    text('next-tier', nextTierText(pool));
    text('participants', participantsText(pool.participantCount));
    const reached = pool.tiers.filter((t) => t.minQuantity <= pool.committedQuantity).length;
    element('tiers').replaceChildren(
      ...pool.tiers.map((tier, i) => listItem(tierText(tier), i === reached - 1 ? 'current' : '')),
    );
    const trusted = pool.trustedParticipants ?? [];
    element('trusted').hidden = trusted.length === 0;
    element('trusted-list').replaceChildren(
      ...trusted.map((u) => listItem(`${u.displayName} (@${u.handle})`)),
    );
    const quantity = pool.viewerMembership?.quantity;
    text('membership', quantity ? `You are in with ${quantity} ${quantity === 1 ? 'unit' : 'units'}.` : '');
    this.joinButton.textContent = quantity ? 'Change my quantity' : 'Join the pool';
    this.leaveButton.hidden = !quantity;
    this.tick(Date.now());
  }

  /** Once a second: the time left, and whether joining is still possible. */
  tick(now: number): void {
    if (!this.pool) return;
    text('time-left', timeLeftText(this.pool.deadline, now));
    const open = isJoinable(this.pool, now);
    this.joinButton.disabled = !open;
    this.leaveButton.disabled = !open;
  }

  signedIn(name: string | null): void {
    this.signInForm.hidden = name !== null;
    this.joinForm.hidden = name === null;
    text('viewer', name ?? '');
  }

  connection(state: string): void {
    text('connection', state);
  }

  message(line: string, kind: 'info' | 'error' = 'info'): void {
    text('message', line);
    element('message').dataset.kind = kind;
  }

  /** The subscription failed for good (no such pool, or the API refused it). */
  failed(line: string): void {
    text('status', line);
    element('status').dataset.status = 'ERROR';
    this.connection('Not live');
  }
}

function element<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`#${id} is missing from the page`);
  return found as T;
}

function form(id: string): HTMLFormElement {
  return element<HTMLFormElement>(id);
}

function text(id: string, value: string): void {
  const target = element(id);
  if (target.textContent !== value) target.textContent = value;
}

function listItem(content: string, className = ''): HTMLLIElement {
  const item = document.createElement('li');
  item.textContent = content;
  if (className) item.className = className;
  return item;
}
