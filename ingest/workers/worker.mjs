// Worker thread entry: TypeScript through tsx's loader (as bin/atlas.js does), then the task module.
import { register } from 'tsx/esm/api';

register();
const task = await import('./task.ts');
export default task.default;
