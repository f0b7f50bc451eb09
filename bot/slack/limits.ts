/**
 * Slack Block Kit limits, kept as data so the renderer truncates against them and the tests check
 * every rendered message against the same numbers (docs.slack.dev, Block Kit reference: blocks,
 * block elements, composition objects; surfaces: messages and the Home tab).
 */
export const SLACK_LIMITS = {
  /** Blocks in one message. */
  messageBlocks: 50,
  /** Blocks in one Home tab view (views.publish). */
  homeBlocks: 100,
  /** Characters in a message's top-level `text`; Slack truncates at 40,000, we stay far below so notifications read well. */
  fallbackText: 3000,
  /** Characters in a section's `text` (every text object is 1..3000). */
  sectionText: 3000,
  /** Text objects in a section's `fields`. */
  sectionFields: 10,
  /** Characters in one field's text. */
  fieldText: 2000,
  /** Characters in a header's plain text. */
  headerText: 150,
  /** Elements in a context block. */
  contextElements: 10,
  /** Characters in a context element's text (a text object). */
  contextText: 3000,
  /** Interactive elements in one actions block. */
  actionsElements: 25,
  /** Characters in a button's label. */
  buttonText: 75,
  /** Characters in a button's `value`. */
  buttonValue: 2000,
  /** Characters in an `action_id`. */
  actionId: 255,
  /** Characters in a `block_id`. */
  blockId: 255,
} as const;

export type SlackLimits = typeof SLACK_LIMITS;
