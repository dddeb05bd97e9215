// Toasts (short notices, errors stay longer) and the loading bar, which shows while `store.loading` > 0.
import { ApiFailure } from './api.ts';
import { $, h } from './dom.ts';
import type { Bus, Store } from './state.ts';

export type Toast = (message: string, kind?: 'info' | 'error') => void;

/** Toasts sit at the top of the centre column, under its toolbar and as wide as it at most: not over the
 *  timeline strip at its bottom, nor over the side panels. */
function place(el: HTMLElement): void {
  const center = document.querySelector('.center')?.getBoundingClientRect();
  if (!center || center.width === 0) return;
  el.style.left = `${Math.round(center.left + center.width / 2)}px`;
  el.style.top = `${Math.round(center.top + 52)}px`;
  el.style.maxWidth = `${Math.max(200, Math.round(center.width - 24))}px`;
}

export function mountNotices(deps: { store: Store; bus: Bus }): { toast: Toast; fail: (err: unknown) => void } {
  const toasts = $('#toasts');
  const toast: Toast = (message, kind = 'info') => {
    const t = h('div', { class: `toast ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, message);
    place(toasts);
    toasts.append(t);
    setTimeout(() => t.classList.add('leaving'), kind === 'error' ? 6000 : 3200);
    setTimeout(() => t.remove(), kind === 'error' ? 6400 : 3600);
  };
  deps.bus.on('toast', ({ message, kind }) => toast(message, kind));

  const loadingBar = $('#loading-bar');
  let timer: ReturnType<typeof setTimeout> | undefined;
  deps.store.subscribe((s, prev) => {
    if (s.loading === prev.loading) return;
    clearTimeout(timer);
    if (s.loading > 0) timer = setTimeout(() => (loadingBar.hidden = false), 150);
    else loadingBar.hidden = true;
    document.body.toggleAttribute('aria-busy', s.loading > 0);
  });

  const fail = (err: unknown) => toast(err instanceof ApiFailure || err instanceof Error ? err.message : String(err), 'error');
  return { toast, fail };
}
