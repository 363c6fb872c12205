/** The decision tree is data; these tests are what keeps it a tree people can follow. */
import { describe, expect, it } from 'vitest';
import { causeIds } from '../causes/cause-catalog.js';
import {
  causesForSymptom,
  decisionTree,
  escalationsForSymptom,
  plannedProbeIds,
  probesForSymptom,
  questionsForSymptom,
  walkDecisionTree,
  type DecisionNode,
} from './decision-tree.js';
import { probesFor } from './probe-plan.js';
import { symptomIds } from './symptoms.js';

const everyNode = symptomIds.flatMap((symptom) => [...walkDecisionTree(decisionTree[symptom])]);

describe('decision tree', () => {
  it('has a root for every symptom a person can choose', () => {
    expect(Object.keys(decisionTree).sort()).toEqual([...symptomIds].sort());
  });

  it('reaches every cause in the catalog from some symptom', () => {
    const reachable = new Set(symptomIds.flatMap((symptom) => causesForSymptom(symptom)));
    expect(causeIds.filter((cause) => !reachable.has(cause))).toEqual([]);
  });

  it('has no dead ends: every check leads somewhere, every question has at least two answers', () => {
    const deadEnds = everyNode.filter(
      (node) =>
        (node.kind === 'check' && node.next.length === 0) ||
        (node.kind === 'question' && node.answers.length < 2),
    );
    expect(deadEnds).toEqual([]);
  });

  it('ends every path in a finding or an escalation', () => {
    const leavesOf = (node: DecisionNode): DecisionNode[] =>
      node.kind === 'check'
        ? node.next.flatMap(leavesOf)
        : node.kind === 'question'
          ? node.answers.flatMap((answer) => leavesOf(answer.next))
          : [node];
    for (const symptom of symptomIds) {
      const leaves = leavesOf(decisionTree[symptom]);
      expect(leaves.length).toBeGreaterThan(0);
      for (const leaf of leaves) expect(['finding', 'escalation']).toContain(leaf.kind);
    }
  });

  it('offers a way out (an escalation) for every symptom', () => {
    for (const symptom of symptomIds)
      expect(escalationsForSymptom(symptom).length, symptom).toBeGreaterThan(0);
  });

  it('names only probe ids from its own list, and every listed id is used', () => {
    const used = new Set(everyNode.flatMap((node) => (node.kind === 'check' ? node.probes : [])));
    for (const id of used) expect(plannedProbeIds).toContain(id);
    expect(plannedProbeIds.filter((id) => !used.has(id))).toEqual([]);
  });

  it('gives node ids that mean one thing: the same id is always the same node', () => {
    const byId = new Map<string, DecisionNode>();
    for (const node of everyNode) {
      if (node.kind === 'finding') continue;
      const seen = byId.get(node.id);
      if (seen) expect(seen).toBe(node);
      else byId.set(node.id, node);
    }
  });

  it('plans the zone check first for a prompt once per session, without repeats', () => {
    const plan = probesFor('prompt-once-per-session');
    expect(plan[0]).toBe('zones:mapping');
    expect(new Set(plan).size).toBe(plan.length);
    expect(probesFor('check-everything')).toEqual(expect.arrayContaining([...plannedProbeIds]));
    expect(probesForSymptom('http-400')).toEqual(['live-sign-in', 'httpsys:limits']);
  });

  it('lists the questions worth asking, with where each answer leads', () => {
    const questions = questionsForSymptom('works-on-server-only');
    expect(questions).toHaveLength(1);
    expect(questions[0]?.answers.map((answer) => answer.leadsTo)).toEqual([
      'What this PC does differently from the server',
      'Whether Windows blocks the server from signing in to itself under another name',
    ]);
    expect(questionsForSymptom('http-400')).toEqual([]);
  });
});
