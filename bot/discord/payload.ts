import { z } from 'zod';

/**
 * The parts of a Discord interaction payload the handler reads. Discord sends much more; loose
 * objects keep it, and anything missing that we need makes the payload malformed (HTTP 400).
 */
const user = z.looseObject({ id: z.string() });

interface RawOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  focused?: boolean;
  options?: RawOption[];
}
const option: z.ZodType<RawOption> = z.lazy(() =>
  z.looseObject({
    name: z.string(),
    type: z.number(),
    value: z.union([z.string(), z.number(), z.boolean()]).optional(),
    focused: z.boolean().optional(),
    options: z.array(option).optional(),
  }),
);

export const interactionPayload = z.looseObject({
  type: z.number().int(),
  id: z.string().optional(),
  application_id: z.string().optional(),
  token: z.string().optional(),
  locale: z.string().optional(),
  guild_locale: z.string().optional(),
  guild_id: z.string().optional(),
  channel_id: z.string().optional(),
  channel: z.looseObject({ id: z.string() }).optional(),
  member: z.looseObject({ user: user.optional(), permissions: z.string().optional() }).optional(),
  user: user.optional(),
  data: z
    .looseObject({
      name: z.string().optional(),
      options: z.array(option).optional(),
      custom_id: z.string().optional(),
      component_type: z.number().optional(),
      /** Attachment options carry only an id; the file itself (a CDN url, its name and size) is here. */
      resolved: z
        .looseObject({
          attachments: z.record(z.string(), z.looseObject({ url: z.string(), filename: z.string(), size: z.number() })).optional(),
        })
        .optional(),
    })
    .optional(),
});

export type InteractionPayload = z.infer<typeof interactionPayload>;
export type { RawOption };

/** Interaction types (discord-api-types InteractionType), as numbers so the HTTP path needs no discord.js. */
export const INTERACTION = { ping: 1, command: 2, component: 3, autocomplete: 4, modal: 5 } as const;

/** Interaction callback types. */
/** Application command option types used by the handler (discord-api-types ApplicationCommandOptionType). */
export const OPTION_TYPE = { attachment: 11 } as const;

export const CALLBACK = { pong: 1, message: 4, deferredMessage: 5, deferredUpdate: 6, update: 7, autocomplete: 8 } as const;
