// Makes pkg/ a publishable ES-module package: package.json, the <saddle-scope> element, README.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const pkg = path.join(root, 'pkg');
const cargo = fs.readFileSync(path.join(root, 'Cargo.toml'), 'utf8');
const field = (name) => (cargo.match(new RegExp(`^${name} = "(.*)"$`, 'm')) || [])[1];

// The element and its demo module sit next to saddlescope.js inside pkg/.
for (const f of ['saddle-scope.js', 'demo.js', 'module.js', 'pool.js', 'worker.js', 'lab.js', 'export.js', 'facts.js']) {
  const text = fs.readFileSync(path.join(root, 'www', f), 'utf8').replaceAll("from '../pkg/saddlescope.js'", "from './saddlescope.js'").replaceAll("'../pkg/saddlescope_bg.wasm'", "'./saddlescope_bg.wasm'");
  fs.writeFileSync(path.join(pkg, f), text);
}
fs.copyFileSync(path.join(root, 'www', 'saddle-scope.css'), path.join(pkg, 'saddle-scope.css'));

const manifest = {
  name: 'saddlescope',
  version: field('version'),
  description: field('description'),
  license: field('license'),
  repository: { type: 'git', url: field('repository') },
  type: 'module',
  main: 'saddlescope.js',
  module: 'saddlescope.js',
  types: 'saddlescope.d.ts',
  exports: { '.': './saddlescope.js', './element': './saddle-scope.js', './saddle-scope.css': './saddle-scope.css' },
  files: ['saddlescope.js', 'saddlescope_bg.wasm', 'saddlescope.d.ts', 'saddlescope_bg.wasm.d.ts', 'saddle-scope.js', 'demo.js', 'module.js', 'pool.js', 'worker.js', 'lab.js', 'export.js', 'facts.js', 'saddle-scope.css', 'README.md'],
  sideEffects: ['./saddle-scope.js'],
  keywords: ['optimization', 'saddle point', 'hessian', 'webassembly', 'visualization', 'teaching'],
};
fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
fs.copyFileSync(path.join(root, 'README.md'), path.join(pkg, 'README.md'));
