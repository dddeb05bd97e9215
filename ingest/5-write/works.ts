// Works: near-duplicate documents (versions of one post) share a Work; a new version can bridge two works
// into one, and a work is titled by the first version that states a title.
import { inWrite, type WriteTarget } from './target.ts';

/**
 * A work is titled by the first version that states a title; versions without one (a plain-text copy, a
 * thread export) show that title too, marked `titleSource: 'work'`, instead of a file name.
 */
export async function refreshWorkTitles(t: WriteTarget): Promise<void> {
  await t.driver.executeQuery(
    `MATCH (w:Work)<-[:VERSION_OF]-(d:Document)
     WITH w, d ORDER BY d.source
     WITH w, collect(d) AS docs
     WITH w, docs, [x IN docs WHERE x.titleSource = 'metadata' | x.title] AS stated
     SET w.title = coalesce(head(stated), head(docs).name)
     WITH docs, head(stated) AS title WHERE title IS NOT NULL
     UNWIND docs AS d
     WITH d, title WHERE d.titleSource <> 'metadata'
     SET d.title = title, d.titleSource = 'work'`,
    {},
    { database: t.database },
  );
}

/** Folds works that a new version bridged into one. */
export async function mergeWorks(t: WriteTarget, merges: Map<string, string>): Promise<void> {
  if (merges.size === 0) return;
  const rows = [...merges].map(([from, to]) => ({ from, to }));
  await inWrite(t, async (tx) => {
    await tx.run(
      `UNWIND $rows AS row
       MATCH (old:Work {id: row.from}) USING INDEX SEEK old:Work(id)
       MERGE (w:Work {id: row.to})
       WITH old, w
       MATCH (d:Document)-[v:VERSION_OF]->(old)
       MERGE (d)-[nv:VERSION_OF]->(w) SET nv.similarity = v.similarity
       DELETE v`,
      { rows },
    );
    await tx.run(`UNWIND $rows AS row MATCH (old:Work {id: row.from}) USING INDEX SEEK old:Work(id) WHERE NOT EXISTS { (old)<-[:VERSION_OF]-() } DETACH DELETE old`, { rows });
  });
}
