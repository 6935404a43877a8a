/** Process exit codes, documented in README.md. Scripts and schedulers depend on them. */
export const ExitCode = {
  /** The run completed and the score met --fail-under (if given). */
  Ok: 0,
  /** The run completed but the score is below --fail-under. */
  BelowThreshold: 1,
  /** Bad usage, configuration, rule pack or facts file. */
  UsageError: 2,
  /** The run could not complete (unsupported platform, internal error, cannot write output). */
  CouldNotComplete: 3,
  /** The report was made but its upload failed; it waits in the spool. */
  UploadSpooled: 4,
} as const
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]
