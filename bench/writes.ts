// Batched writes against one transaction per row, on the same fixed rows (mention-shaped: a passage id, an
// entity id, offsets, text), into throwaway :BenchRow nodes that are removed afterwards.
import type { Driver } from 'neo4j-driver';

const rows = (n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => ({ id: `${tag}:${i}`, passageId: `doc:${(i % 97).toString(16).padStart(16, '0')}:p${i % 13}`, start: i * 7, end: i * 7 + 12, text: `mention number ${i}` }));

export async function batchedVersusPerRow(driver: Driver, database: string | undefined, n = 2000): Promise<{ rows: number; batchedS: number; perRowS: number }> {
  const cfg = { database };
  await driver.executeQuery('CREATE INDEX bench_row IF NOT EXISTS FOR (n:BenchRow) ON (n.id)', {}, cfg);
  const session = driver.session(cfg);
  try {
    let t = performance.now();
    await session.executeWrite((tx) => tx.run('UNWIND $rows AS row CREATE (n:BenchRow) SET n = row', { rows: rows(n, 'batched') }));
    const batchedS = (performance.now() - t) / 1000;
    t = performance.now();
    for (const row of rows(n, 'single')) await session.executeWrite((tx) => tx.run('CREATE (n:BenchRow) SET n = $row', { row }));
    const perRowS = (performance.now() - t) / 1000;
    return { rows: n, batchedS, perRowS };
  } finally {
    await session.close();
    await driver.executeQuery('MATCH (n:BenchRow) DETACH DELETE n', {}, cfg);
    await driver.executeQuery('DROP INDEX bench_row IF EXISTS', {}, cfg);
  }
}
