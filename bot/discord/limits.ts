/**
 * Discord's message, component and command limits, as data: the renderer and the command
 * builder truncate against these and the tests check every payload against them.
 * Source: discord.com/developers/docs (Message, Embed, Components, Application Commands).
 */
export const DISCORD_LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  /** Sum of title, description, field names and values, footer text and author name over all embeds of a message. */
  embedsTotal: 6000,
  embedsPerMessage: 10,
  buttonsPerRow: 5,
  actionRows: 5,
  customId: 100,
  buttonLabel: 80,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
  commandName: 32,
  commandDescription: 100,
  optionsPerCommand: 25,
  /** Discord waits this long for the first response to an interaction; we answer or defer well before it. */
  responseDeadlineMs: 3000,
} as const;

/** Rows of a table shown per page before the renderer adds "…and N more" and page buttons. */
export const TABLE_PAGE_ROWS = 15;

/** The ephemeral message flag ("only you can see this"). */
export const EPHEMERAL = 64;

/** Manage Server (MANAGE_GUILD) permission bit: the user administers the server. */
export const MANAGE_GUILD = 0x20n;
/** Administrator permission bit: every permission, Manage Server included. */
export const ADMINISTRATOR = 0x8n;
