/** A long-running `hygiene` child process (the collector server) for end-to-end tests. */
import { execa, type ResultPromise } from 'execa'
import { afterAll } from 'vitest'
import { BIN } from './cli.js'

export interface ServerProcess {
  url: string
  process: ResultPromise
  /** Everything the process printed so far. */
  output(): string
}

const running: ResultPromise[] = []
afterAll(() => {
  for (const child of running) child.kill('SIGKILL')
})

export function freePort(): number {
  return 20_000 + Math.floor(Math.random() * 20_000)
}

/** Starts `hygiene collector serve` and waits until /healthz answers. */
export async function startServe(db: string, options: { port?: number; home: string; extra?: string[]; scheme?: 'http' | 'https' } ): Promise<ServerProcess> {
  const port = options.port ?? freePort()
  const child = execa(process.execPath, [BIN, 'collector', 'serve', '--db', db, '--port', String(port), ...(options.extra ?? [])], {
    reject: false,
    env: { HOME: options.home, NO_COLOR: '1', LANG: 'C.UTF-8' },
    all: true,
  })
  running.push(child)
  let output = ''
  child.all?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  const url = `${options.scheme ?? 'http'}://127.0.0.1:${port}`
  for (let attempt = 0; attempt < 100; attempt++) {
    if (output.includes('127.0.0.1:')) return { url, process: child, output: () => output }
    if (child.exitCode !== null) break
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  child.kill('SIGKILL')
  throw new Error(`collector did not start: ${output}`)
}
