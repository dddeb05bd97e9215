// The closing hint: printed when the command had to start Neo4j itself, not when it reused one, and never
// under --quiet. The connection is a stand-in: this layer has no Neo4j.
import { afterEach, describe, expect, it, vi } from 'vitest';

const connection = vi.hoisted(() => ({ ownsServer: false, closed: 0 }));
vi.mock('../../../cli/connect.ts', () => ({
  connect: async () => ({ driver: {}, uri: 'bolt://127.0.0.1:1', ownsServer: connection.ownsServer, close: async () => void connection.closed++ }),
}));
const { makeUi, withConnection } = await import('../../../cli/runtime.ts');

afterEach(() => vi.restoreAllMocks());

async function linesOf(quiet: boolean, ownsServer: boolean, opts: { hint?: boolean } = {}, fail = false): Promise<string[]> {
  connection.ownsServer = ownsServer;
  const lines: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((l: string) => void lines.push(l));
  await withConnection(makeUi(quiet), async () => {
    if (fail) throw new Error('boom');
  }, opts).catch(() => {});
  return lines;
}

describe('keep-running hint', () => {
  it('is printed after a command that started Neo4j itself, even when the command failed', async () => {
    expect((await linesOf(false, true)).filter((l) => l.startsWith('hint: '))).toEqual([expect.stringMatching(/keep `atlas db start` running in another terminal/)]);
    expect((await linesOf(false, true, {}, true)).filter((l) => l.startsWith('hint: '))).toHaveLength(1);
  });
  it('is not printed when Neo4j was already running, under --quiet, or for serve', async () => {
    expect((await linesOf(false, false)).filter((l) => l.startsWith('hint: '))).toEqual([]);
    expect(await linesOf(true, true)).toEqual([]);
    expect((await linesOf(false, true, { hint: false })).filter((l) => l.startsWith('hint: '))).toEqual([]);
  });
  it('closes the connection however the command ends', async () => {
    const before = connection.closed;
    await linesOf(false, true, {}, true);
    expect(connection.closed).toBe(before + 1);
  });
});
