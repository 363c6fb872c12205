/**
 * The API's channel names without their schemas. The preload and the web bridge need only these
 * to place one method per channel (domain-api.ts); importing them from contract.ts would bundle
 * zod and every model schema into the sandboxed preload (about 800 KB, evaluated on every
 * window load) although the preload validates nothing. contract.ts checks at compile time that
 * its table has exactly these channels (`satisfies`), so the two cannot drift apart.
 */
export const apiChannelNames = [
  'app:info',
  'causes:list',
  'scenario:load',
  'diagnosis:run',
  'targets:recent',
  'diagnosis:progress',
  'diagnosis:cancel',
  'report:pdf',
  'live:test',
  'remedy:preview',
  'remedy:apply',
  'journal:list',
  'journal:undo',
  'handoff:export',
  'kerberos:purge-and-retest',
] as const;

export type ApiChannelName = (typeof apiChannelNames)[number];
