// Tells whether a tool is installed, from files its package ships.
import { stat } from 'node:fs/promises'
import { systemPath, type Host } from '../../core/host.js'

export async function anySystemPathExists(host: Host, absolutePaths: readonly string[]): Promise<boolean> {
  const found = await Promise.all(
    absolutePaths.map((absolutePath) =>
      stat(systemPath(host, absolutePath)).then(
        () => true,
        () => false,
      ),
    ),
  )
  return found.includes(true)
}
