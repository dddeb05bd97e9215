// What the title jobs hand back besides the Paper mentions they accept.

import type { CandidateRelation } from '../../core/types.ts';

export interface TitleFindings {
  relations: CandidateRelation[];
  /** Passage id → Paper mention a linkpost passage is about ("This is a linkpost for X. We use …"). */
  linkposts: Map<string, number>;
}
