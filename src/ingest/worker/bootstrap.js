// Worker entry: the import worker is TypeScript, run through tsx as the CLI is (bin/safer.js).
import { register } from 'tsx/esm/api';

register();
await import('./loadWorker.ts');
