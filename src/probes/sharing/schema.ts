import { z } from 'zod'

export const SharingFactsSchema = z.object({
  /** The SMB version 1 protocol (WannaCry's way in); null where it cannot be read; false where there is no SMB server or client for it. */
  smb1Enabled: z.boolean().nullable(),
  remoteDesktop: z.object({
    /** Someone can connect to this PC's desktop: RDP on Windows, xrdp or VNC on Linux, Screen Sharing or Remote Management on macOS. */
    enabled: z.boolean().nullable(),
    /** Windows Network Level Authentication: the password is asked before a session starts (null elsewhere). */
    networkLevelAuthentication: z.boolean().nullable(),
    service: z.string().nullable(),
  }),
  /** Folders this PC shares on the network. */
  shares: z.array(
    z.object({
      name: z.string(),
      path: z.string().nullable(),
      /** Anyone on the network may read it: Everyone, Guest, guest ok. */
      openToEveryone: z.boolean().nullable(),
    }),
  ),
  problems: z.array(z.string()),
})
export type SharingFacts = z.infer<typeof SharingFactsSchema>
