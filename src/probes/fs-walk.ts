/**
 * One bounded, breadth-first walk of a folder tree, shared by the probes that look at files
 * (downloads, backup folders). It never follows symbolic links (so a link loop cannot trap it),
 * stops at a depth, an entry count, a deadline or an abort, and keeps going past folders it may
 * not read. Several folders are read at once, with plain callbacks: on a 2-core machine a
 * 100,000-file tree is walked in about the time `find TREE -type f | wc -l` takes (npm run bench).
 */
import { readdir, stat, type Dirent, type Stats } from 'node:fs'
import { opendir } from 'node:fs/promises'
import path from 'node:path'
import { errorCode } from '../core/fs-errors.js'

export interface WalkOptions {
  /** Folders deeper than this below the root are not opened (the root is depth 0). */
  maxDepth: number
  /** Stop after this many entries (files and folders) have been seen. */
  maxEntries: number
  signal?: AbortSignal
  /** Epoch milliseconds after which the walk stops (a hung network share must not stall the run). */
  deadline?: number
}

export interface WalkedFile {
  path: string
  name: string
  /** Depth of the folder holding the file (files directly in the root are at depth 0). */
  depth: number
}

export type RootState = 'ok' | 'missing' | 'unreadable' | 'not-a-directory'

export interface WalkSummary {
  root: RootState
  entries: number
  depthCapReached: boolean
  entryCapReached: boolean
  /** Stopped by the deadline or the abort signal. */
  interrupted: boolean
  /** Folders below the root that could not be read (permission denied, vanished). */
  unreadableFolders: number
}

/** More reads in flight than libuv's 4 threads: 16 measured about 7% faster than 8; 32 and 64 no better. */
const CONCURRENT_READS = 16
/**
 * A folder whose own size suggests tens of thousands of entries is streamed instead of read at
 * once, so a Downloads folder with a million files cannot blow the memory cap.
 */
const STREAM_FOLDER_BYTES = 512 * 1024

export function walkFiles(root: string, options: WalkOptions, onFile: (file: WalkedFile) => void): Promise<WalkSummary> {
  const summary: WalkSummary = {
    root: 'ok',
    entries: 0,
    depthCapReached: false,
    entryCapReached: false,
    interrupted: false,
    unreadableFolders: 0,
  }
  const shouldStop = (): boolean => {
    if (summary.entryCapReached) return true
    if (options.signal?.aborted || (options.deadline !== undefined && Date.now() > options.deadline)) {
      summary.interrupted = true
      return true
    }
    return false
  }
  // Children are joined by plain concatenation (path.join normalizes every time, which shows at 10^5 files).
  const queue: Array<{ dir: string; depth: number }> = [{ dir: stripTrailingSeparator(path.resolve(root)), depth: 0 }]
  const visit = (dir: string, depth: number, entry: Dirent): boolean => {
    if (summary.entries >= options.maxEntries) {
      summary.entryCapReached = true
      return false
    }
    summary.entries++
    if (entry.isDirectory()) {
      if (depth + 1 > options.maxDepth) summary.depthCapReached = true
      else queue.push({ dir: dir + path.sep + entry.name, depth: depth + 1 })
    } else if (entry.isFile()) {
      onFile({ path: dir + path.sep + entry.name, name: entry.name, depth })
    }
    return true
  }
  const unreadable = (depth: number): void => {
    if (depth === 0) summary.root = 'unreadable'
    else summary.unreadableFolders++
  }
  const streamFolder = async (dir: string, depth: number): Promise<void> => {
    for await (const entry of await opendir(dir, { bufferSize: 1024 })) {
      if (!visit(dir, depth, entry) || shouldStop()) break
    }
  }

  return new Promise((resolve) => {
    let active = 0
    const done = (): void => {
      active--
      pump()
    }
    // Plain callbacks: on Node 20 each fs/promises call costs about twice as much, which showed as
    // a third of the time of a 100,000-file walk.
    const readFolder = (dir: string, depth: number, stats: Stats): void => {
      if (stats.size > STREAM_FOLDER_BYTES) {
        streamFolder(dir, depth).then(done, () => {
          unreadable(depth)
          done()
        })
        return
      }
      readdir(dir, { withFileTypes: true }, (error, entries) => {
        if (error) unreadable(depth)
        else for (const entry of entries) if (!visit(dir, depth, entry)) break
        done()
      })
    }
    const pump = (): void => {
      while (active < CONCURRENT_READS && queue.length > 0 && !shouldStop()) {
        const { dir, depth } = queue.shift()!
        active++
        stat(dir, (error, stats) => {
          if (error) {
            unreadable(depth)
            done()
          } else readFolder(dir, depth, stats)
        })
      }
      if (active === 0) resolve(summary)
    }
    stat(root, (error, stats) => {
      if (error) resolve({ ...summary, root: errorCode(error) === 'ENOENT' ? 'missing' : 'unreadable' })
      else if (!stats.isDirectory()) resolve({ ...summary, root: 'not-a-directory' })
      else pump()
    })
  })
}

function stripTrailingSeparator(dir: string): string {
  return dir.length > 1 && dir.endsWith(path.sep) && !/^[A-Za-z]:\\$/.test(dir) ? dir.slice(0, -1) : dir
}
