// Whether the everyday account is an administrator on Linux, from /etc/passwd and /etc/group (no process).
/** sudo on Debian and Ubuntu, wheel on Fedora and openSUSE, admin on Ubuntu before 12.04 (platform-reference §1.2.4). */
const ADMIN_GROUPS = new Set(['sudo', 'wheel', 'admin'])

/**
 * uid 0, or a member of an administrators' group, named in its member list or as primary group;
 * null when /etc/group cannot be read. Rights given by name in /etc/sudoers are not seen: that
 * file is readable by root only.
 */
export function isLinuxAdmin(userName: string, passwdText: string, groupText: string | null): boolean | null {
  const account = passwdText
    .split('\n')
    .map((line) => line.split(':'))
    .find((fields) => fields[0] === userName)
  if (account?.[2] === '0') return true
  if (groupText === null) return null
  const primaryGid = account?.[3]
  return groupText.split('\n').some((line) => {
    const [name = '', , gid, members = ''] = line.split(':')
    if (!ADMIN_GROUPS.has(name)) return false
    return gid === primaryGid || members.split(',').some((member) => member.trim() === userName)
  })
}
