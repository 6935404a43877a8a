/** The three platforms the agent knows, named as rules and reports name them. */
export const PLATFORMS = ['linux', 'windows', 'macos'] as const
export type Platform = (typeof PLATFORMS)[number]

/** Maps Node's process.platform to ours; anything else is reported as linux-like only when it is linux. */
export function platformOf(nodePlatform: NodeJS.Platform): Platform | null {
  switch (nodePlatform) {
    case 'linux':
      return 'linux'
    case 'win32':
      return 'windows'
    case 'darwin':
      return 'macos'
    default:
      return null
  }
}
