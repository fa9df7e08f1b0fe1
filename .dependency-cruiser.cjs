/**
 * The layering of lambdas/ (see docs/architecture.md), checked on every `npm test`:
 * entry points -> app -> core, adapters -> core. The core is pure: no HTTP, no AWS SDK, no
 * node I/O, no process; the clock and `process` globals are kept out by ESLint (eslint.config.js).
 * Only the ISC adapter knows ISC's wire format.
 */
const NODE_IO = '^(node:)?(fs|fs/promises|http|https|net|tls|dgram|child_process|worker_threads|cluster|process|os|dns|readline|timers|timers/promises|crypto)$';

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'An import cycle hides which layer decides.', from: {}, to: { circular: true } },
    {
      name: 'core-is-pure',
      severity: 'error',
      comment: 'lambdas/core decides; it imports no other layer, no HTTP client, no AWS SDK and no node I/O.',
      from: { path: '^lambdas/core/' },
      to: { path: ['^lambdas/(app|adapters|janitor)/', '^bin/', '^lib/', '^sandbox/', 'node_modules/(ky|@aws-sdk|@aws-lambda-powertools)/', NODE_IO] },
    },
    {
      name: 'core-no-node-builtins',
      severity: 'error',
      comment: 'The core runs anywhere: no node built-in module at all.',
      from: { path: '^lambdas/core/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'app-uses-ports-not-adapters',
      severity: 'error',
      comment: 'lambdas/app sequences I/O through the ports the core owns; entry points plug adapters in.',
      from: { path: '^lambdas/app/' },
      to: { path: ['^lambdas/(adapters|janitor)/', '^bin/', '^lib/', '^sandbox/', 'node_modules/(ky|@aws-sdk)/'] },
    },
    {
      name: 'adapters-do-not-decide',
      severity: 'error',
      comment: 'Adapters implement ports; they never call the orchestrator or an entry point.',
      from: { path: '^lambdas/adapters/' },
      to: { path: ['^lambdas/(app|janitor)/', '^bin/', '^lib/', '^sandbox/'] },
    },
    {
      name: 'wire-schemas-stay-in-the-isc-adapter',
      severity: 'error',
      comment: 'The ISC wire format is mapped onto the core model inside lambdas/adapters/isc and nowhere else.',
      from: { path: '^(lambdas|bin|lib|bench)/', pathNot: '^lambdas/adapters/isc/' },
      to: { path: '^lambdas/adapters/isc/oauth-client-schemas\\.ts$' },
    },
    {
      name: 'only-the-door-removes',
      severity: 'error',
      comment:
        'The destructive half of the ISC port (disable, delete: lambdas/core/credential-removal.ts) belongs to the door ' +
        '(lambdas/app/door/) and the ISC adapter that implements it; no other module may even name it.',
      from: { path: '^(lambdas|bin|bench)/', pathNot: '^lambdas/(app/door|adapters/isc)/' },
      to: { path: '^lambdas/core/credential-removal\\.ts$' },
    },
    {
      name: 'only-composition-roots-take-the-removal',
      severity: 'error',
      comment:
        "An ISC client's destructive half (iscRemovalOf, lambdas/adapters/isc/isc-removal.ts) is taken only by composition " +
        'roots (lambdas/janitor/, bin/cli/, bench/), to hand it to doorKeyOf and nothing else.',
      from: { path: '^(lambdas|bin)/', pathNot: '^(lambdas/janitor|bin/cli|lambdas/adapters/isc)/' },
      to: { path: '^lambdas/adapters/isc/isc-removal\\.ts$' },
    },
    {
      name: 'lambda-code-stays-out-of-tools',
      severity: 'error',
      comment: 'Nothing the Lambda bundles may import the CLI, the stack, the sandbox or the benchmarks.',
      from: { path: '^lambdas/' },
      to: { path: ['^bin/', '^lib/', '^sandbox/', '^bench/', '^test/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
