/** The decision tree is data; these tests are what keeps it a tree people can follow. */
import { describe, expect, it } from 'vitest';
import { causeIds } from '../causes/cause-catalog.js';
import {
  answersForSymptom,
  causesForSymptom,
  causesForTarget,
  decisionTree,
  escalationsForSymptom,
  plannedProbeIds,
  probesForSymptom,
  probesForTarget,
  questionsForSymptom,
  questionsToAsk,
  saysItFailsOnTheServer,
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
    const plan = probesFor({ symptom: 'prompt-once-per-session' });
    expect(plan[0]).toBe('zones:mapping');
    expect(new Set(plan).size).toBe(plan.length);
    expect(probesFor({ symptom: 'check-everything' })).toEqual(expect.arrayContaining([...plannedProbeIds]));
    expect(probesForSymptom('http-400')).toEqual(['live-sign-in', 'httpsys:limits']);
  });

  it('lists the questions worth asking, with where each answer leads', () => {
    const questions = questionsForSymptom('works-on-server-only');
    expect(questions).toHaveLength(1);
    expect(questions[0]?.answers.map((answer) => answer.leadsTo)).toEqual([
      'What this PC does differently: its zones, its browsers, its proxy and saved passwords, its Kerberos client',
      'Why PCs cannot sign in with Kerberos while the server itself can: the service name, the account behind it, the server settings',
    ]);
    expect(questionsForSymptom('http-400')).toEqual([]);
  });

  it('gives every answer of a question its own id', () => {
    for (const node of everyNode) {
      if (node.kind !== 'question') continue;
      const ids = node.answers.map((answer) => answer.id);
      expect(new Set(ids).size, node.id).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(/^[a-z0-9-]{1,64}$/);
    }
  });
});

describe('answers choose the branch', () => {
  it('asks the question at the root of a symptom first, and asks only what the answers lead to', () => {
    expect(questionsToAsk('works-on-server-only').map((question) => question.id)).toEqual(['other-pcs']);
    expect(questionsToAsk('http-401').map((question) => question.id)).toEqual([
      'which-401',
      'where-401-1-shows',
      'load-balanced',
    ]);
    expect(
      questionsToAsk('http-401', { 'which-401': '401-1', 'where-401-1-shows': 'on-the-server' }).map(
        (question) => question.id,
      ),
    ).toEqual(['which-401', 'where-401-1-shows']);
    expect(questionsToAsk('http-401', { 'which-401': '401-2' }).map((question) => question.id)).toEqual([
      'which-401',
    ]);
  });

  it('runs only the chosen branch’s probes, and every branch while the answer is "I do not know"', () => {
    const onServer = probesForTarget('prompt-three-times', { 'where-it-fails': 'on-the-server' });
    expect(onServer).toEqual(['loopback:check', 'iis:application']);
    const fromPc = probesForTarget('prompt-three-times', { 'where-it-fails': 'on-a-pc' });
    expect(fromPc).not.toContain('loopback:check');
    expect(fromPc).toContain('live-sign-in');
    expect(new Set(probesForTarget('prompt-three-times'))).toEqual(new Set([...fromPc, ...onServer]));
    expect(probesForTarget('http-401', { 'which-401': '401-2' })).toEqual([
      'iis:application',
      'live-sign-in',
      'dns:name',
    ]);
  });

  it('leads from "it works on the server but not from my PC" to PC causes or server causes, never to the loopback check', () => {
    expect(causesForTarget('works-on-server-only', { 'other-pcs': 'only-my-pc-fails' })).toEqual(
      expect.arrayContaining(['zone-not-intranet', 'negotiate-disabled', 'proxy-in-path']),
    );
    expect(causesForTarget('works-on-server-only', { 'other-pcs': 'every-pc-fails' })).toEqual(
      expect.arrayContaining(['spn-missing', 'spn-wrong-account', 'kernel-mode-no-apppool-creds']),
    );
    expect(causesForSymptom('works-on-server-only')).not.toContain('loopback-check');
    expect(causesForTarget('prompt-three-times', { 'where-it-fails': 'on-the-server' })).toEqual([
      'loopback-check',
      'windows-auth-disabled',
      'providers-misconfigured',
      'epa-channel-binding',
    ]);
  });

  it('reaches the loopback check wherever causes.md says it shows: three prompts, a 401.1, IT checking everything — each only on the server itself', () => {
    const onTheServer = [
      ['prompt-three-times', { 'where-it-fails': 'on-the-server' }],
      ['http-401', { 'which-401': '401-1', 'where-401-1-shows': 'on-the-server' }],
      ['check-everything', { 'where-it-fails-for-it': 'on-the-server' }],
    ] as const;
    for (const [symptom, answers] of onTheServer) {
      expect(causesForTarget(symptom, answers)).toContain('loopback-check');
      expect(probesForTarget(symptom, answers)).toContain('loopback:check');
      expect(saysItFailsOnTheServer(answers)).toBe(true);
    }
    expect(
      causesForTarget('http-401', { 'which-401': '401-1', 'where-401-1-shows': 'on-a-pc' }),
    ).not.toContain('loopback-check');
    expect(saysItFailsOnTheServer({ 'where-401-1-shows': 'on-a-pc', 'which-401': '401-1' })).toBe(false);
    // An answer id alone is not enough: it must answer a question that asks where it fails.
    expect(saysItFailsOnTheServer({ 'which-401': 'on-the-server' })).toBe(false);
  });

  it('drops answers to questions the symptom does not ask, or that another answer made moot', () => {
    expect(answersForSymptom('http-401', { 'which-401': '401-2', 'load-balanced': 'yes' })).toEqual({
      'which-401': '401-2',
    });
    expect(answersForSymptom('http-400', { 'which-401': '401-1' })).toEqual({});
    expect(answersForSymptom('http-401', { 'which-401': 'no-such-answer' })).toEqual({});
  });
});
