// The launcher's procedure allow-list holds at the database itself: a plugin jar in Neo4j's plugins folder
// whose procedure and function are not on the list is never loaded, so even a direct full-access session
// cannot call them (the API guard refuses them too, but this does not depend on it). The plugin is a real
// jar, compiled here against Neo4j's procedure API; Neo4j's own log says why it was left out.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDriver, startLocalNeo4j, type LocalNeo4j } from '../../neo4j/server.ts';
import { BUILD_DIR } from '../../neo4j/paths.ts';

const PROBE = `package atlasprobe;
import java.util.stream.Stream;
import org.neo4j.procedure.Procedure;
import org.neo4j.procedure.UserFunction;
public class Probe {
  public static class Out { public String value; public Out(String v) { value = v; } }
  @Procedure(name = "atlasprobe.fetch") public Stream<Out> fetch() { return Stream.of(new Out("ran")); }
  @UserFunction(name = "atlasprobe.echo") public String echo() { return "ran"; }
}
`;

const dataDir = mkdtempSync(join(tmpdir(), 'atlas-plugins-'));
let neo: LocalNeo4j | undefined;

beforeAll(async () => {
  const src = join(dataDir, 'src');
  const classes = join(dataDir, 'classes');
  const plugins = join(dataDir, 'home', 'plugins');
  mkdirSync(join(src, 'atlasprobe'), { recursive: true });
  mkdirSync(plugins, { recursive: true });
  writeFileSync(join(src, 'atlasprobe', 'Probe.java'), PROBE);
  const api = readFileSync(join(BUILD_DIR, 'classpath.txt'), 'utf8')
    .split(':')
    .filter((j) => /neo4j-(procedure-api|graphdb-api)-/.test(j))
    .join(':');
  execFileSync('javac', ['-cp', api, '-d', classes, join(src, 'atlasprobe', 'Probe.java')]);
  execFileSync('jar', ['cf', join(plugins, 'atlas-probe.jar'), '-C', classes, '.']);
  neo = await startLocalNeo4j({ dataDir, port: 0 });
}, 400_000);

afterAll(async () => {
  await neo?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a plugin outside the allow-list', () => {
  it('is not loaded: a direct write-mode session cannot call its procedure or its function', async () => {
    const driver = openDriver(neo!.target);
    const direct = async (cypher: string) => {
      const session = driver.session(); // write access mode, full privileges: no API guard in the way
      try {
        await session.run(cypher);
        return 'ran';
      } catch (e) {
        return (e as { code?: string }).code;
      } finally {
        await session.close();
      }
    };
    try {
      expect(await direct('RETURN 1')).toBe('ran');
      expect(await direct('CALL atlasprobe.fetch()')).toBe('Neo.ClientError.Procedure.ProcedureNotFound');
      expect(await direct('RETURN atlasprobe.echo() AS v')).toBe('Neo.ClientError.Statement.SyntaxError');
    } finally {
      await driver.close();
    }
    const log = readFileSync(join(dataDir, 'home', 'logs', 'debug.log'), 'utf8');
    expect(log).toContain("The procedure 'atlasprobe.fetch' is not on the allowlist and won't be loaded.");
    expect(log).toContain("The function 'atlasprobe.echo' is not on the allowlist and won't be loaded.");
  });
});
