/** Where the files shipped with the package live (rule packs, data tables, JSON Schemas). */
import { fileURLToPath } from 'node:url'

/** Resolved from the compiled module (dist/core/), two levels below the package root. */
const packageRoot = fileURLToPath(new URL('../../', import.meta.url))

export function builtinRulesDir(): string {
  return `${packageRoot}rules`
}

export function packageJsonPath(): string {
  return `${packageRoot}package.json`
}
