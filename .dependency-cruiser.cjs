// Dependency rules for src/ (docs/ARCHITECTURE.md, docs/decisions/0012): `npm run deps`, part of `npm test`.
// CommonJS (.cjs) because the package is ESM and dependency-cruiser reads its configuration with require.

/** Tests and the helpers only tests use: exempt from the layer rules, not from the cycle rule. */
const TEST_CODE = ['\\.test\\.ts$', '/testing/'];

/** The application's top: web entry, composition, HTTP and the CLI. */
const APPLICATION = ['^src/http/', '^src/cli/', '^src/(app|main|services|cli)\\.ts$'];

/** Node modules that reach outside the process (files, network, processes, threads). */
const IO_CORE_MODULES =
  '^(node:)?(fs|fs/promises|net|tls|dgram|dns|dns/promises|http|https|http2|child_process|cluster|worker_threads|readline|readline/promises|os|sqlite)$';

/** Packages that do I/O: database drivers, the web server. */
const IO_PACKAGES = '(^|/)node_modules/(kysely|pg|pg-copy-streams|@electric-sql/pglite|fastify|@fastify/[^/]+)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'Modules must not depend on each other in a circle (type-only imports count): pass what the lower module ' +
        'needs as an argument or declare the port it needs beside it (e.g. src/release/releaseServices.ts).',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'src/domain is pure code: it imports nothing from other src folders.',
      from: { path: '^src/domain/', pathNot: TEST_CODE },
      to: { path: '^src/', pathNot: '^src/domain/' },
    },
    {
      name: 'domain-does-no-io',
      severity: 'error',
      comment: 'src/domain does no I/O: no file system, network, processes or threads, no database or web server.',
      from: { path: '^src/domain/', pathNot: TEST_CODE },
      to: { path: [IO_CORE_MODULES, IO_PACKAGES] },
    },
    {
      name: 'analysis-below-release-and-application',
      severity: 'error',
      comment:
        'src/analysis computes figures for everyone (CLI, API, pages) through src/release: it must not reach up ' +
        'into the release layer, HTTP, the CLI or the composition root.',
      from: { path: '^src/analysis/', pathNot: TEST_CODE },
      to: { path: ['^src/release/', ...APPLICATION] },
    },
    {
      name: 'figure-views-are-pure',
      severity: 'error',
      comment:
        'src/figureViews draws released figures as charts and tables for pages and reports alike: results in, ' +
        'charts out. It must not fetch figures (src/release), nor reach HTTP, the CLI or the composition root.',
      from: { path: '^src/figureViews/', pathNot: TEST_CODE },
      to: { path: ['^src/release/', '^src/reports/', '^src/db/', ...APPLICATION] },
    },
    {
      name: 'reports-below-application',
      severity: 'error',
      comment:
        'src/reports builds documents from released figures and is driven by the pages, the CLI and jobs: it ' +
        'takes what it needs as arguments and must not import HTTP, the CLI, src/services.ts or src/app.ts.',
      from: { path: '^src/reports/', pathNot: TEST_CODE },
      to: { path: APPLICATION },
    },
    {
      name: 'release-below-application',
      severity: 'error',
      comment:
        'src/release (what a reader may see: access, disclosure, audit of reads, result cache) is called by HTTP ' +
        'and downloads and takes what it needs as ports (releaseServices.ts): it must not import HTTP, the CLI, ' +
        'src/services.ts or src/app.ts.',
      from: { path: '^src/release/', pathNot: TEST_CODE },
      to: { path: APPLICATION },
    },
    {
      name: 'ingest-not-analysis',
      severity: 'error',
      comment: 'Importing files does not depend on the analysis engine: an import stores data, analysis reads it.',
      from: { path: '^src/ingest/', pathNot: TEST_CODE },
      to: { path: '^src/analysis/' },
    },
    {
      name: 'db-below-everything',
      severity: 'error',
      comment:
        'src/db (connections, migrations, tables, repositories) is the bottom layer: it must not import HTTP, ' +
        'the CLI, the release layer, analysis or the composition root.',
      from: { path: '^src/db/', pathNot: TEST_CODE },
      to: { path: ['^src/analysis/', '^src/release/', ...APPLICATION] },
    },
    {
      name: 'product-not-test-code',
      severity: 'error',
      comment: 'Product code must not import tests or test helpers (test/, *.test.ts, testing/ folders).',
      from: { path: '^src/', pathNot: TEST_CODE },
      to: { path: ['^test/', ...TEST_CODE] },
    },
    {
      name: 'product-not-vitest',
      severity: 'error',
      comment: 'Only tests and test helpers import vitest.',
      from: { path: '^src/', pathNot: TEST_CODE },
      to: { path: '(^|/)node_modules/(vitest|@vitest/[^/]+)/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing (a moved or deleted file).',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Browser scripts served as they are: they import by URL (/assets/...), not by path.
    exclude: { path: '^src/views/assets/' },
    // Type-only imports are dependencies too: a cycle through `import type` still ties the modules together.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['es6'],
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'node', 'default', 'types'],
      // Imports name their .ts file (allowImportingTsExtensions); these are for packages.
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
