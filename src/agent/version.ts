/** The agent's version, from package.json, read once. */
import { packageJsonPath } from '../core/package-paths.js'
import { readTextSync } from '../core/resources.js'

let cached: string | undefined

export function agentVersion(): string {
  cached ??= (JSON.parse(readTextSync(packageJsonPath())) as { version: string }).version
  return cached
}
