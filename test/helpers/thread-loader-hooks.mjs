// Module hooks for thread-loader.mjs: an import of `x.js` with no such file but an `x.ts` (the
// sources import each other by their built names) loads the .ts, with its types stripped by esbuild.
import { access, readFile } from 'node:fs/promises'
import { transform } from 'esbuild'

const exists = (url) => access(url).then(() => true, () => false)

export async function resolve(specifier, context, nextResolve) {
  if (/^(\.|file:)/.test(specifier) && specifier.endsWith('.js')) {
    const url = new URL(specifier, context.parentURL)
    const source = new URL(url.href.replace(/\.js$/, '.ts'))
    if (url.protocol === 'file:' && !(await exists(url)) && (await exists(source))) return { url: source.href, format: 'module', shortCircuit: true }
  }
  return nextResolve(specifier, context)
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context)
  const { code } = await transform(await readFile(new URL(url), 'utf8'), { loader: 'ts', format: 'esm', target: 'node20', sourcefile: url })
  return { format: 'module', source: code, shortCircuit: true }
}
