import { z } from 'zod';
import { defineCommand } from './define.ts';
import { m, t } from './messages.ts';

export const aboutCommand = defineCommand({
  name: 'about',
  description: { en: 'Sources, method and limits of topheavy', ja: 'topheavyのデータ源・計算方法・限界' },
  examples: ['/about'],
  args: z.object({}),
  run(_args, ctx) {
    const { lang } = ctx;
    const funds = ctx.data.list();
    return {
      lang,
      title: t(lang, m.aboutTitle()),
      tone: 'info',
      markdown: t(lang, m.aboutBody()),
      sources: funds.map((f) => ({ fund: f.fund, file: f.file, issuer: f.issuer, asOf: f.asOf })),
      footer: t(lang, m.educationNote()),
      data: { funds: funds.map((f) => f.fund) },
    };
  },
});
