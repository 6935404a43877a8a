/**
 * The Windows script is checked by a real PowerShell grammar (tree-sitter-powershell, as WebAssembly): no
 * PowerShell runs here, so a syntax error would otherwise first show on an office PC.
 */
import { createRequire } from 'node:module'
import { beforeAll, describe, expect, it } from 'vitest'
import { Language, Parser, type Node } from 'web-tree-sitter'
import { encodeCommand } from '../../../src/probes/windows/powershell.js'
import { UPDATE_SEARCH_WAIT_MS, WINDOWS_FACTS_SCRIPT } from '../../../src/probes/windows/script.js'

let parser: Parser

beforeAll(async () => {
  await Parser.init()
  const grammar = createRequire(import.meta.url).resolve('tree-sitter-powershell/tree-sitter-powershell.wasm')
  parser = new Parser()
  parser.setLanguage(await Language.load(grammar))
})

/** Where the grammar found an error or had to invent a missing token, as `line:column text`. */
function syntaxErrors(source: string): string[] {
  const tree = parser.parse(source)
  if (!tree) throw new Error('the parser gave no tree')
  const errors: string[] = []
  const visit = (node: Node): void => {
    if (node.type === 'ERROR' || node.isMissing) {
      errors.push(`${node.startPosition.row + 1}:${node.startPosition.column} ${node.text.slice(0, 60)}`)
    }
    for (const child of node.children) if (child) visit(child)
  }
  visit(tree.rootNode)
  return errors
}

describe('the Windows PowerShell script', () => {
  it('parses without an error', () => {
    expect(syntaxErrors(WINDOWS_FACTS_SCRIPT)).toEqual([])
  })

  it('has a bootstrap that parses without an error too', () => {
    expect(syntaxErrors(Buffer.from(encodeCommand(WINDOWS_FACTS_SCRIPT), 'base64').toString('utf16le'))).toEqual([])
  })

  it('is really checked: a broken function in it is caught', () => {
    const broken = WINDOWS_FACTS_SCRIPT.replace('function Get-OneDrive {', 'function Get-OneDrive( {')
    expect(broken).not.toBe(WINDOWS_FACTS_SCRIPT)
    expect(syntaxErrors(broken)).not.toEqual([])
    const loop = '$users = foreach ($user in Get-LocalUser) {'
    expect(syntaxErrors(WINDOWS_FACTS_SCRIPT.replace(loop, `${loop}{`))).not.toEqual([])
  })

  it('waits for the Windows Update search less than the PowerShell run may take', () => {
    expect(WINDOWS_FACTS_SCRIPT).toContain(`Get-UpdatesSection $UpdateSearch ${UPDATE_SEARCH_WAIT_MS}`)
    expect(UPDATE_SEARCH_WAIT_MS).toBeLessThan(60_000)
  })

  it('does not start a second PowerShell, nor read localized tool output', () => {
    const code = WINDOWS_FACTS_SCRIPT.replace(/^\s*#.*$/gm, '')
    const banned = [
      'Start-Job',
      'powershell.exe',
      'net user',
      'net accounts',
      'systeminfo',
      'wbadmin',
      'Get-HotFix',
      'manage-bde',
      'netsh',
      'whoami',
      'powercfg',
      // Reconfigures every MSI package it lists (platform-reference §5.4).
      'Win32_Product',
    ]
    for (const command of banned) {
      expect(code).not.toContain(command)
    }
  })

  it('tells whether an auto-logon password is stored without ever reading it', () => {
    expect(WINDOWS_FACTS_SCRIPT).toContain("$key.GetValueNames() -contains 'DefaultPassword'")
    expect(WINDOWS_FACTS_SCRIPT).not.toMatch(/GetValue\('DefaultPassword'|'DefaultPassword'\)/)
  })
})
