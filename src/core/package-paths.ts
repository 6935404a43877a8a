/** Where the files shipped with the package live (rule packs, data tables, JSON Schemas); read them through resources.ts. */
import { packagePath } from './resources.js'

export function builtinRulesDir(): string {
  return packagePath('rules')
}

export function packageJsonPath(): string {
  return packagePath('package.json')
}
