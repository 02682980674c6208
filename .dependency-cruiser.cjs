// The import arrows of ../shared/DESIGN.md, enforced inside `npm test`.
const allowed = {
  rules: [],
  pki: [],
  model: [],
  store: ['model'],
  edge: ['rules', 'pki', 'model'],
  api: ['model', 'store', 'pki', 'rules'],
  client: ['model'],
  cli: ['api', 'edge', 'store', 'pki', 'rules', 'model', 'client'],
  dashboard: ['model', 'rules', 'client'],
};
const all = Object.keys(allowed);
const forbidden = [
  { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ...all.map((pkg) => ({
    name: `arrows-${pkg}`,
    comment: `${pkg} may import only: ${allowed[pkg].join(', ') || 'nothing of ours'}`,
    severity: 'error',
    from: { path: `^packages/${pkg}/` },
    to: {
      path: `^packages/(${all.filter((p) => p !== pkg && !allowed[pkg].includes(p)).join('|')})/`,
    },
  })),
  {
    name: 'isomorphic-no-node',
    comment: 'rules and model run in the browser too',
    severity: 'error',
    from: { path: '^packages/(rules|model|client)/src/', pathNot: '\\.test\\.ts$' },
    to: { dependencyTypes: ['core'] },
  },
];
module.exports = {
  forbidden,
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      conditionNames: ['source', 'import', 'node', 'default'],
      exportsFields: ['exports'],
    },
  },
};
