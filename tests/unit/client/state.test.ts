// The client's shared state: the store notifies on real changes only, the bus delivers to the handlers of
// one command.
import { describe, expect, it } from 'vitest';
import { createBus, createStore } from '../../../web/client/src/state.ts';

describe('store', () => {
  it('notifies subscribers with the new and the previous state', () => {
    const store = createStore({ a: 1, b: 'x' });
    const seen: [number, number][] = [];
    store.subscribe((s, prev) => seen.push([s.a, prev.a]));
    store.set({ a: 2 });
    expect(store.get()).toEqual({ a: 2, b: 'x' });
    expect(seen).toEqual([[2, 1]]);
  });

  it('does not notify when nothing changed', () => {
    const list = ['Person'];
    const store = createStore({ a: 1, list });
    let calls = 0;
    store.subscribe(() => calls++);
    store.set({ a: 1 });
    store.set({ list });
    expect(calls).toBe(0);
    store.set({ list: ['Person'] }); // a new array is a change (identity, as the modules compare)
    expect(calls).toBe(1);
  });

  it('stops notifying after unsubscribe', () => {
    const store = createStore({ a: 1 });
    let calls = 0;
    const off = store.subscribe(() => calls++);
    store.set({ a: 2 });
    off();
    store.set({ a: 3 });
    expect(calls).toBe(1);
    expect(store.get().a).toBe(3);
  });
});

describe('bus', () => {
  it('delivers a payload to every handler of that command only', () => {
    const bus = createBus<{ ping: { n: number }; other: Record<string, never> }>();
    const got: string[] = [];
    bus.on('ping', ({ n }) => got.push(`a${n}`));
    const off = bus.on('ping', ({ n }) => got.push(`b${n}`));
    bus.on('other', () => got.push('other'));
    bus.emit('ping', { n: 1 });
    off();
    bus.emit('ping', { n: 2 });
    expect(got).toEqual(['a1', 'b1', 'a2']);
  });
});
