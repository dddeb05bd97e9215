// Build: the Java launcher and its classpath, by neo4j/build.sh (Maven, offline from ~/.m2 once fetched).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { DbUnavailable } from './errors.ts';
import { NEO4J_DIR, pushTail } from './paths.ts';

/** Runs neo4j/build.sh (a no-op in milliseconds once built); its stderr is streamed through. */
export async function buildLauncher(): Promise<void> {
  const tail: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const p = spawn('bash', [path.join(NEO4J_DIR, 'build.sh')], { stdio: ['ignore', 'inherit', 'pipe'] });
    p.stderr.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      pushTail(tail, chunk.toString());
    });
    p.on('error', reject);
    p.on('close', resolve);
  }).catch((e: unknown) => {
    throw new DbUnavailable(`Could not run bash neo4j/build.sh: ${String(e)}`, { code: 'DB_START_FAILED', cause: e });
  });
  if (code !== 0) {
    throw new DbUnavailable(`Building the Neo4j launcher failed (neo4j/build.sh exited ${code})\n${tail.join('\n')}`, { code: 'DB_START_FAILED' });
  }
}
