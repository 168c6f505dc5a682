/** `npm run bench -- db`: the database layer's own benchmarks (decision 0018 on PGlite). */
import './pglitePrepared.ts';
