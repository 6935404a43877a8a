/** The agent's version, from package.json, read once. */
import { readFileSync } from 'node:fs'
import { packageJsonPath } from '../core/package-paths.js'

let cached: string | undefined

export function agentVersion(): string {
  cached ??= (JSON.parse(readFileSync(packageJsonPath(), 'utf8')) as { version: string }).version
  return cached
}
