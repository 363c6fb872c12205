/**
 * Shared shape of the server remedies (issue 6): each says what it would change on this
 * machine now (IIS through appcmd, HKLM values, SPNs through setspn); journaling, verify and
 * undo are the generic runner's (remedy-runner.ts). A remedy reaches the engine only once its
 * id is registered in shared/model/remedy-ids.ts, the same rule the server rules follow.
 */
import type { ChangeOperation, ChangePlan } from '../../../shared/model/change-plan.js';
import type { RemedyOffer } from '../../../shared/model/finding.js';
import type { RestartRequired } from '../../../shared/model/restart-required.js';
import { remedyIdSchema } from '../../../shared/model/remedy-ids.js';
import { serverRemedyScope, type ServerRemedyId } from '../../../shared/rules/server/server-remedies.js';
import type { Remedy, RemedyContext } from './remedy.js';
import { RemedyPreconditionError } from './remedy.js';

export interface ServerChange {
  readonly summary: string;
  readonly operations: readonly ChangeOperation[];
  /** One line per operation, as a person would type it. */
  readonly exactChange: readonly string[];
  /** Shown before applying: restarts, what stays as it is, how to undo by hand. */
  readonly notes: readonly string[];
  /** What must restart before the change takes effect; absent when it takes effect at once. */
  readonly restartRequired?: RestartRequired;
}

export interface ServerRemedyDefinition {
  readonly id: ServerRemedyId;
  /** Machine and IIS changes run in one elevated host (one UAC prompt); SPN changes use the person's domain rights. */
  readonly needsElevation: boolean;
  /** Throws RemedyPreconditionError when the change no longer applies. */
  change(params: RemedyOffer['params'], context: RemedyContext): Promise<ServerChange>;
  unavailableReason?(params: RemedyOffer['params'], context: RemedyContext): Promise<string | null>;
}

/** A parameter the engine itself put in the offer; a missing or mistyped one means the offer is stale. */
export function stringParam(params: RemedyOffer['params'], name: string): string {
  const value = params[name];
  if (typeof value !== 'string' || value.length === 0)
    throw new RemedyPreconditionError(`this fix is missing its ${name}; run the diagnosis again`);
  return value;
}

export function numberParam(params: RemedyOffer['params'], name: string): number {
  const value = params[name];
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0)
    throw new RemedyPreconditionError(`this fix is missing its ${name}; run the diagnosis again`);
  return value;
}

/** The complete plan for an offer, without the engine's remedy-id check (tests use it). */
export async function planServerChange(
  definition: ServerRemedyDefinition,
  offer: RemedyOffer,
  context: RemedyContext,
): Promise<Omit<ChangePlan, 'remedy'>> {
  const change = await definition.change(offer.params, context);
  return {
    offerId: offer.offerId,
    title: offer.title,
    scope: serverRemedyScope(definition.id),
    summary: change.summary,
    operations: [...change.operations],
    exactChange: [...change.exactChange],
    notes: [...change.notes],
    needsElevation: definition.needsElevation,
    ...(change.restartRequired ? { restartRequired: change.restartRequired } : {}),
  };
}

/** The engine-facing remedy, or null while its id is not registered. */
export function toEngineServerRemedy(definition: ServerRemedyDefinition): Remedy | null {
  const id = remedyIdSchema.safeParse(definition.id);
  if (!id.success) return null;
  const unavailableReason = definition.unavailableReason;
  return {
    id: id.data,
    async plan(offer, context) {
      return { ...(await planServerChange(definition, offer, context)), remedy: id.data };
    },
    ...(unavailableReason
      ? {
          unavailableReason: (offer: RemedyOffer, context: RemedyContext) =>
            unavailableReason.call(definition, offer.params, context),
        }
      : {}),
  };
}
