/** Where downloaded and received files land on Windows: the shell folders, Zalo, Telegram, configured extras. */
import path from 'node:path'
import type { FoldersSection } from '../windows/windows-facts.js'
import type { CandidateRoot } from './roots.js'

/**
 * Every folder to look in, in priority order, as Windows paths (platform-reference §4.1). The shell folders
 * come from the registry, where Downloads and Documents are often redirected (to D:\ or into OneDrive).
 * Zalo PC saves into `<Documents>\Zalo Received Files`; whether it follows a redirected Documents is not
 * known, so the folder under the profile is looked at too. Telegram Desktop saves into
 * `<Downloads>\Telegram Desktop` (flathub/org.telegram.desktop#58). Extra paths may start with `~` or be
 * relative to the profile folder.
 */
export function windowsDownloadRoots(folders: FoldersSection, extraPaths: readonly string[]): CandidateRoot[] {
  const win = path.win32
  const profile = folders.userProfile
  const downloads = folders.downloads ?? win.join(profile, 'Downloads')
  const documents = folders.documents ?? win.join(profile, 'Documents')
  const profileDocuments = win.join(profile, 'Documents')
  const redirected = documents.toLowerCase() !== profileDocuments.toLowerCase()
  return [
    { path: downloads, kind: 'downloads' },
    { path: folders.desktop ?? win.join(profile, 'Desktop'), kind: 'desktop' },
    { path: win.join(documents, 'Zalo Received Files'), kind: 'zalo' },
    ...(redirected ? [{ path: win.join(profileDocuments, 'Zalo Received Files'), kind: 'zalo' as const }] : []),
    { path: win.join(downloads, 'Telegram Desktop'), kind: 'telegram' },
    ...extraPaths.map((extra) => ({ path: win.resolve(profile, withoutTilde(extra)), kind: 'extra' as const })),
  ]
}

/** `~` and `~\x` are the profile folder, as on the other platforms. */
function withoutTilde(folder: string): string {
  return folder.replace(/^~(?=$|[\\/])/, '.')
}
