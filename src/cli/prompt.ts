/** Questions on the terminal: a secret without echo, and plain questions answered line by line. */
import { createInterface } from 'node:readline'

export function promptSecret(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!process.stdin.isTTY) {
      reject(new Error('no terminal to ask on'))
      return
    }
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true })
    // Replace what readline would echo with nothing: the prompt stays, the typed secret does not.
    const output = rl as unknown as { _writeToOutput: (text: string) => void }
    let asked = false
    output._writeToOutput = (text: string) => {
      if (!asked) {
        process.stderr.write(text)
        asked = true
      }
    }
    rl.question(question, (answer) => {
      rl.close()
      process.stderr.write('\n')
      resolve(answer)
    })
  })
}

/** Plain questions, one answer line each, on any input: a terminal, a pipe, or a test's stream. */
export interface Questioner {
  /** The answer line, or null once the input has ended. */
  ask(question: string): Promise<string | null>
  tell(text: string): void
  close(): void
}

export function questioner(input: NodeJS.ReadableStream, output: { write(text: string): unknown }): Questioner {
  const rl = createInterface({ input, terminal: false })
  // The iterator queues lines that arrive before they are asked for (a pipe delivers them all at once).
  const lines = rl[Symbol.asyncIterator]()
  return {
    async ask(question) {
      output.write(question)
      const next = await lines.next()
      return next.done ? null : next.value
    },
    tell: (text) => output.write(`${text}\n`),
    close: () => rl.close(),
  }
}
