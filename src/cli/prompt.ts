/** Reads a secret from the terminal without echoing it. */
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
