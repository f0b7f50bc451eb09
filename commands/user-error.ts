/**
 * An expected failure the user can fix (unknown fund, bad allocation, bad argument). The
 * dispatcher turns it into a friendly, ephemeral reply; commands never catch it themselves.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    readonly code: string,
    message: string,
    readonly hint?: string,
    /** Facts for the operator's log line (ids, kinds, URLs; never secrets): dispatch logs them when given. */
    readonly log?: Record<string, unknown>,
  ) {
    super(message);
  }
}
