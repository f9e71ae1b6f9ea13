/**
 * Import rules (issue #15), checked by `npm run lint`:
 * - no cycles between the feature folders of api/src (a folder may import a lower one, never back);
 * - production code in api/src (not its *.spec.ts) never imports from test/;
 * - the front ends (board/, mobile-web/, console/) reach the API only through packages/protocol.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles-between-api-folders',
      comment: 'Feature folders of api/src depend one way: a cycle means a rule lives in the wrong folder.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^api/src/' },
      to: { path: '^api/src/', circular: true },
    },
    {
      name: 'no-cycles',
      comment: 'No module imports itself back through others.',
      severity: 'error',
      from: { path: '^api/src/' },
      to: { circular: true },
    },
    {
      name: 'production-never-imports-tests',
      comment: 'api/src runs in production; test helpers live in test/ and only specs may use them.',
      severity: 'error',
      from: { path: '^api/src/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^test/' },
    },
    {
      name: 'front-ends-only-through-protocol',
      comment: 'board/, mobile-web/ and console/ share types with the API only through packages/protocol.',
      severity: 'error',
      from: { path: '^(board|mobile-web|console)/' },
      to: { path: '^(api|test)/' },
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules', 'dist'] },
    // Specs may use test helpers and reach across folders; the rules are about what ships.
    exclude: { path: ['(^|/)dist/', '^api/src/generated/', 'node_modules', '\\.spec\\.ts$'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js', '.svelte', '.mjs'] },
    moduleSystems: ['es6', 'cjs'],
  },
};
