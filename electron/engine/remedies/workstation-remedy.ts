/**
 * Shared shape of the workstation registry remedies (issue 5): each says which HKCU values it
 * writes; journaling, verify and undo are the generic runner's (remedy-runner.ts). A remedy is
 * handed to the engine only once its id is registered in shared/model/remedy-ids.ts (the same
 * rule the workstation rules follow when they offer it).
 */
import { formatRegistryData, formatRegistryKey } from '../../../shared/host/registry.js';
import type { ChangeOperation, ChangePlan } from '../../../shared/model/change-plan.js';
import type { RemedyOffer } from '../../../shared/model/finding.js';
import { remedyIdSchema } from '../../../shared/model/remedy-ids.js';
import {
  workstationRemedyScope,
  type WorkstationRemedyId,
} from '../../../shared/rules/workstation/workstation-remedies.js';
import type { Remedy, RemedyContext } from './remedy.js';

export interface WorkstationChange {
  readonly summary: string;
  readonly operations: readonly Extract<ChangeOperation, { op: 'registry.setValue' }>[];
  readonly notes: readonly string[];
}

export interface WorkstationRemedyDefinition {
  readonly id: WorkstationRemedyId;
  /** Throws RemedyPreconditionError when the change no longer applies. */
  change(params: RemedyOffer['params'], context: RemedyContext): Promise<WorkstationChange>;
}

/** The reg.exe line a person would type for a value write (reference §1.8 format). */
export function regAddLine(operation: Extract<ChangeOperation, { op: 'registry.setValue' }>): string {
  const data =
    operation.value.type === 'REG_SZ'
      ? `"${operation.value.data.replaceAll('"', '\\"')}"`
      : formatRegistryData(operation.value);
  return `reg add "${formatRegistryKey(operation.key)}" /v "${operation.name}" /t ${operation.value.type} /d ${data} /f`;
}

/** The complete plan for an offer, without the engine's remedy-id check (tests and the adapter below use it). */
export async function planWorkstationChange(
  definition: WorkstationRemedyDefinition,
  offer: RemedyOffer,
  context: RemedyContext,
): Promise<Omit<ChangePlan, 'remedy'>> {
  const change = await definition.change(offer.params, context);
  return {
    offerId: offer.offerId,
    title: offer.title,
    scope: workstationRemedyScope(definition.id),
    summary: change.summary,
    operations: [...change.operations],
    exactChange: change.operations.map(regAddLine),
    notes: [...change.notes],
    needsElevation: false,
  };
}

/** The engine-facing remedy, or null while its id is not registered. */
export function toEngineRemedy(definition: WorkstationRemedyDefinition): Remedy | null {
  const id = remedyIdSchema.safeParse(definition.id);
  if (!id.success) return null;
  return {
    id: id.data,
    async plan(offer, context) {
      return { ...(await planWorkstationChange(definition, offer, context)), remedy: id.data };
    },
  };
}
