import { z } from 'zod'

/** One local account as the password rules see it. null means "could not be read" (not "no"). */
export const AccountSchema = z.object({
  name: z.string(),
  /** uid on Linux/macOS, RID or SID on Windows. */
  uid: z.string(),
  isCurrentUser: z.boolean(),
  /** Can log in: a login shell, not locked, not expired. */
  enabled: z.boolean().nullable(),
  /** Has a usable password (not empty, not locked). */
  hasPassword: z.boolean().nullable(),
  /**
   * Anyone can log in without a password: an empty shadow field (Linux), an enabled Guest (macOS),
   * "password not required" (Windows PASSWD_NOTREQD, which does not prove the password is empty
   * but lets it be).
   */
  emptyPassword: z.boolean().nullable(),
  /** The user must change the password at next login. */
  mustChange: z.boolean().nullable(),
  passwordLastSetAt: z.string().nullable(),
  passwordAgeDays: z.number().int().nullable(),
  /** The account's own maximum password age in days (null: never expires or unknown). */
  maxPasswordAgeDays: z.number().int().nullable(),
  /** The built-in Administrator (Windows RID 500) or Guest (Windows RID 501, macOS Guest); null for any other. */
  builtin: z.enum(['administrator', 'guest']).nullable(),
  /** Where this account's password data came from. */
  source: z.enum(['shadow', 'chage', 'local-users', 'adsi', 'dscl', 'unreadable']),
})
export type Account = z.infer<typeof AccountSchema>

export const AccountsFactsSchema = z.object({
  users: z.array(AccountSchema),
  policy: z.object({
    /** The system-wide maximum password age for new passwords (PASS_MAX_DAYS); null when unlimited or unknown. */
    maxPasswordAgeDays: z.number().int().nullable(),
    source: z.string().nullable(),
  }),
  /** Other accounts' password data needs administrator rights this run does not have. */
  limitedToCurrentUser: z.boolean(),
  /** The PC is joined to a domain, whose password policy applies to domain accounts (Windows; null elsewhere). */
  domainJoined: z.boolean().nullable(),
  /** The account running hygiene (the everyday account) is an administrator (Administrators, sudo/wheel, admin). */
  currentUserIsAdmin: z.boolean().nullable(),
  /** A guest account or guest session can log in (Windows Guest, LightDM allow-guest, macOS Guest User). */
  guestEnabled: z.boolean().nullable(),
  /** The PC logs an account in by itself at start-up. */
  autoLogon: z.object({
    enabled: z.boolean().nullable(),
    user: z.string().nullable(),
    /** A password is stored for it in readable form (Winlogon DefaultPassword, macOS /etc/kcpassword). */
    storedPassword: z.boolean().nullable(),
    source: z.string().nullable(),
  }),
})
export type AccountsFacts = z.infer<typeof AccountsFactsSchema>
