// Worker thread entry for console queries: TypeScript through tsx's loader (as bin/atlas.js does), then the task.
import { register } from 'tsx/esm/api';

register();
await import('./query-task.ts');
