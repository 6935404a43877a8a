import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { collectFacts } from '../../../src/probes/collect.js'
import { probes } from '../../../src/probes/registry.js'
import {
  COMMAND_LINE_LIMIT,
  encodeCommand,
  powershellPath,
  runPowerShell,
  stderrMessage,
} from '../../../src/probes/windows/powershell.js'
import { WINDOWS_FACTS_SCRIPT } from '../../../src/probes/windows/script.js'
import { windowsFacts } from '../../../src/probes/windows/windows-facts.js'
import {
  collectWindows,
  fixtureText,
  POWERSHELL_COMMAND_LINE,
  powershellStub,
  windowsContext,
  windowsHost,
} from './windows-kit.js'

const decode = (encoded: string): string => Buffer.from(encoded, 'base64').toString('utf16le')

describe('where powershell.exe is', () => {
  it('takes the 64-bit PowerShell under %SystemRoot%, whatever the case of the variable', () => {
    expect(powershellPath(windowsHost())).toBe('C:\\WINDOWS\\System32\\WindowsPowerShell\\v1.0\\powershell.exe')
    expect(powershellPath(windowsHost({ env: { SYSTEMROOT: 'D:\\Win' } }))).toBe(
      'D:\\Win\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
    )
  })

  it('goes through Sysnative from a 32-bit Node on 64-bit Windows, not from a 32-bit Windows', () => {
    const wow64 = windowsHost({ arch: 'ia32', env: { SystemRoot: 'C:\\WINDOWS', PROCESSOR_ARCHITEW6432: 'AMD64' } })
    expect(powershellPath(wow64)).toBe('C:\\WINDOWS\\Sysnative\\WindowsPowerShell\\v1.0\\powershell.exe')
    const native32 = windowsHost({ arch: 'ia32', env: { SystemRoot: 'C:\\WINDOWS' } })
    expect(powershellPath(native32)).toBe('C:\\WINDOWS\\System32\\WindowsPowerShell\\v1.0\\powershell.exe')
  })
})

describe('the encoded command', () => {
  const encoded = encodeCommand(WINDOWS_FACTS_SCRIPT)
  const bootstrap = decode(encoded)

  it('fits the command line with room to spare, which the plain script would not', () => {
    expect(POWERSHELL_COMMAND_LINE.length).toBeLessThan(COMMAND_LINE_LIMIT)
    const plain = Buffer.from(WINDOWS_FACTS_SCRIPT, 'utf16le').toString('base64')
    expect(plain.length).toBeGreaterThan(COMMAND_LINE_LIMIT)
  })

  it('carries the whole script, gzipped, behind the prologue', () => {
    const packed = /FromBase64String\('([A-Za-z0-9+/=]+)'\)/.exec(bootstrap)?.[1]
    expect(gunzipSync(Buffer.from(packed!, 'base64')).toString('utf8')).toBe(WINDOWS_FACTS_SCRIPT)
    const prologue = bootstrap.slice(0, bootstrap.indexOf('$packed'))
    expect(prologue).toContain("$ProgressPreference = 'SilentlyContinue'")
    expect(prologue).toContain('[Console]::OutputEncoding = New-Object System.Text.UTF8Encoding $false')
    expect(prologue).toContain("$ErrorActionPreference = 'Stop'")
  })

  it('keeps Vietnamese text of the script intact through the encoding', () => {
    const script = "'Nguyễn Văn Á'\n"
    const packed = /FromBase64String\('([A-Za-z0-9+/=]+)'\)/.exec(decode(encodeCommand(script)))?.[1]
    expect(gunzipSync(Buffer.from(packed!, 'base64')).toString('utf8')).toBe(script)
  })
})

describe('running PowerShell', () => {
  it('starts the exact command line once and reads UTF-8 JSON with Vietnamese names', async () => {
    const { ctx, stub } = windowsContext('win11-24h2-vi')
    const output = (await runPowerShell(ctx, WINDOWS_FACTS_SCRIPT)) as { folders: { data: { userProfile: string } } }
    stub.assertAllUsed()
    expect(stub.calls).toEqual([POWERSHELL_COMMAND_LINE])
    expect(output.folders.data.userProfile).toBe('C:\\Users\\Nguyễn Văn Á')
  })

  it('ignores a UTF-8 BOM and the first-use progress record on stderr of a run that succeeded', async () => {
    const stderr = fixtureText('progress.stderr.txt')
    const { ctx } = windowsContext({ stdout: `\uFEFF${fixtureText('win10-22h2.json')}\r\n`, stderr })
    await expect(runPowerShell(ctx, WINDOWS_FACTS_SCRIPT)).resolves.toMatchObject({ version: 1 })
  })

  it.each([
    [
      'exit 1 with CLIXML errors on stderr',
      { exitCode: 1, stderr: fixtureText('parse-error.stderr.txt') },
      'Windows PowerShell failed (exit code 1): Exception calling "Create" with "1" argument(s): "At line:118 ' +
        `char:24 + function Get-OneDrive { + ~ Missing closing '}' in statement block or type definition."`,
    ],
    ['a run past its time', { timedOut: true }, 'Windows PowerShell did not finish within 60 s'],
    [
      'no powershell.exe (Wine)',
      { notFound: true },
      'Windows PowerShell was not found at C:\\WINDOWS\\System32\\WindowsPowerShell\\v1.0\\powershell.exe ' +
        '(a damaged Windows, or Wine)',
    ],
    [
      "no output (Wine's stand-in powershell.exe)",
      { stdout: '' },
      "Windows PowerShell printed nothing: it cannot run scripts here (a stand-in such as Wine's, which has no PowerShell)",
    ],
    [
      'text that is not JSON',
      { stdout: 'Windows PowerShell\r\nCopyright (C) Microsoft Corporation. All rights reserved.\r\n' },
      'Windows PowerShell printed something that is not JSON: ' +
        '"Windows PowerShell\r\nCopyright (C) Microsoft Corporation. All rights reserved."',
    ],
    [
      'Constrained Language Mode',
      { stdout: '{"unusable":"PowerShell runs in ConstrainedLanguage"}\r\n' },
      'PowerShell runs in ConstrainedLanguage: the checks need Windows PowerShell 5.1 in full language mode',
    ],
    ['JSON of another shape', { stdout: '[1,2]' }, 'Windows PowerShell printed JSON of an unexpected shape'],
  ])('fails every Windows probe with a reason on %s', async (_, answer, reason) => {
    const { ctx } = windowsContext(answer)
    await expect(windowsFacts(ctx)).rejects.toThrow(reason)
  })
})

describe('stderr of a failed run', () => {
  it('keeps the error records, drops progress records, and keeps plain text', () => {
    expect(stderrMessage(fixtureText('progress.stderr.txt'))).toBe('')
    expect(stderrMessage('Access is denied.\r\n')).toBe('Access is denied.')
    const escaped = '#< CLIXML\r\n<Objs Version="1.1.0.1"><S S="Error">a &lt;b&gt; &amp; c_x000D__x000A_</S></Objs>'
    expect(stderrMessage(escaped)).toBe('a <b> & c')
  })
})

describe('one PowerShell process per scan', () => {
  it('starts exactly one powershell.exe for all twelve probes, and every probe gets its facts', async () => {
    const { snapshot, stub } = await collectWindows('win11-24h2-vi')
    stub.assertAllUsed()
    expect(stub.calls).toHaveLength(1)
    expect(Object.fromEntries(probes.map((probe) => [probe.id, snapshot.probes[probe.id]?.status]))).toEqual({
      os: 'ok',
      accounts: 'ok',
      backup: 'ok',
      updates: 'ok',
      downloads: 'ok',
      antivirus: 'ok',
      firewall: 'ok',
      encryption: 'ok',
      screenlock: 'ok',
      software: 'ok',
      sharing: 'ok',
      autorun: 'ok',
    })
  })

  it('gives every probe the same reason when the one run fails', async () => {
    const stub = powershellStub({ timedOut: true })
    const snapshot = await collectFacts(probes, {
      context: { ...windowsContext('win10-22h2').ctx, run: stub.run },
      agentVersion: '0.0.0-test',
    })
    expect(stub.calls).toHaveLength(1)
    expect(probes).toHaveLength(12)
    for (const probe of probes) {
      expect(snapshot.probes[probe.id]).toMatchObject({
        status: 'error',
        reason: 'Windows PowerShell did not finish within 60 s',
      })
    }
  })

  it('gives the Windows probes more time than the PowerShell run itself', () => {
    for (const probe of probes) expect(probe.timeoutMsOn?.windows).toBeGreaterThan(60_000)
  })
})
