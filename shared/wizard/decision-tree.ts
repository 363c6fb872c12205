/**
 * The symptom-first decision tree, as data (issue 7, "Decision tree"): for each thing a
 * person can report, the checks worth running first, the questions worth asking, and where
 * each path ends — a finding (a cause from the catalog) or an escalation to someone who can
 * look further. Modelled on Microsoft's guided troubleshooters: condition -> action -> coded
 * result. The wizard asks the tree's questions on the start page, right after the symptom; the
 * answers travel with the target (`Target.answers`) and choose the branches, and so the probes
 * the engine runs (`probesForTarget`). A question left unanswered ("I do not know") keeps every
 * branch under it. A test (decision-tree.test.ts) proves that every cause is reachable, that no
 * branch is a dead end and that every leaf is a finding or an escalation.
 *
 * Probe ids are `area:what` (electron/engine/probe.ts); electron/engine/probes/probe-catalog.ts
 * implements each of them.
 */
import type { CauseId } from '../causes/cause-catalog.js';
import type { SymptomId } from './symptoms.js';

/** The probes the tree may ask for, by id. Add ids as probes land; unknown ids are skipped by the engine. */
export const plannedProbeIds = [
  'zones:mapping',
  'browser:negotiate-settings',
  'browser:allow-lists',
  'proxy:settings',
  'credentials:stored',
  'account:logon',
  'kerberos:domain-controller',
  'kerberos:clock',
  'kerberos:tickets',
  'live-sign-in',
  'iis:application',
  'spn:registrations',
  'kerberos:events',
  'dns:name',
  'httpsys:limits',
  'loopback:check',
] as const;
export type PlannedProbeId = (typeof plannedProbeIds)[number];

export type DecisionNode =
  /** Run these checks, then follow the causes they can prove (each a finding leaf, or more nodes). */
  | {
      readonly kind: 'check';
      readonly id: string;
      readonly what: string;
      readonly probes: readonly PlannedProbeId[];
      readonly next: readonly DecisionNode[];
    }
  /** Ask the person; each answer leads on. */
  | {
      readonly kind: 'question';
      readonly id: string;
      readonly text: string;
      readonly answers: readonly DecisionAnswer[];
    }
  /** A leaf: the cause the checks above prove. */
  | { readonly kind: 'finding'; readonly cause: CauseId }
  /** A leaf: nothing here can decide it; who to hand it to, and what to give them. */
  | {
      readonly kind: 'escalation';
      readonly id: string;
      readonly to: 'it-support' | 'server-admin' | 'network-team';
      readonly text: string;
    };

export interface DecisionAnswer {
  /** Stable id the target carries (`Target.answers[questionId] = answerId`). */
  readonly id: string;
  readonly label: string;
  readonly next: DecisionNode;
}

/** What the person answered: question id -> answer id. A question left out is "I do not know". */
export type DecisionAnswers = Readonly<Record<string, string>>;

const finding = (cause: CauseId): DecisionNode => ({ kind: 'finding', cause });

// Shared branches. A branch appears under several symptoms because the same cause explains
// several things people see (causes.md, "what the person sees").

const zoneBranch: DecisionNode = {
  kind: 'check',
  id: 'zone',
  what: 'Which Internet Options zone the address falls in, and whether that zone signs you in automatically',
  probes: ['zones:mapping'],
  next: [finding('zone-not-intranet'), finding('zone-logon-prompt')],
};

const browserBranch: DecisionNode = {
  kind: 'check',
  id: 'browser',
  what: 'Whether Windows sign-in is switched on in Internet Options and allowed in Chrome, Edge and Firefox',
  probes: ['browser:negotiate-settings', 'browser:allow-lists'],
  next: [
    finding('negotiate-disabled'),
    finding('browser-not-configured'),
    finding('ntlm-preauth-kernel-mode'),
  ],
};

const workstationNetworkBranch: DecisionNode = {
  kind: 'check',
  id: 'workstation-network',
  what: 'The proxy, saved passwords and the account you are signed in with',
  probes: ['proxy:settings', 'credentials:stored', 'account:logon'],
  next: [finding('proxy-in-path'), finding('stored-credentials'), finding('local-account-ntlm')],
};

const kerberosClientBranch: DecisionNode = {
  kind: 'check',
  id: 'kerberos-client',
  what: 'Whether this computer can reach a domain controller, has the right time, and holds a usable ticket',
  probes: ['kerberos:domain-controller', 'kerberos:clock', 'kerberos:tickets'],
  next: [finding('kdc-unreachable'), finding('clock-skew'), finding('stale-ticket')],
};

const liveSignInBranch: DecisionNode = {
  kind: 'check',
  id: 'live-sign-in',
  what: 'A real sign-in to the site as you, step by step (what the server offers, which ticket Windows asks for)',
  probes: ['live-sign-in', 'dns:name'],
  next: [finding('challenge-normal'), finding('cname-alias-spn'), finding('port-in-spn')],
};

const spnBranch: DecisionNode = {
  kind: 'check',
  id: 'spn',
  what: 'Which account holds the service name (SPN) for the site, and which account decrypts its tickets',
  probes: ['iis:application', 'spn:registrations', 'kerberos:events', 'dns:name'],
  next: [
    finding('spn-missing'),
    finding('spn-netbios-missing'),
    finding('spn-duplicate'),
    finding('spn-wrong-account'),
    finding('kernel-mode-no-apppool-creds'),
    finding('apppool-identity-split'),
    finding('etype-mismatch'),
  ],
};

const iisBranch: DecisionNode = {
  kind: 'check',
  id: 'iis',
  what: 'How IIS is set up for the site: Windows authentication, its providers, Extended Protection',
  probes: ['iis:application'],
  next: [
    finding('windows-auth-disabled'),
    finding('providers-misconfigured'),
    finding('epa-channel-binding'),
  ],
};

const askServerAdmin: DecisionNode = {
  kind: 'escalation',
  id: 'server-admin',
  to: 'server-admin',
  text: 'Send the report to the administrator of the web server: the cause is on the server or in Active Directory, which this computer cannot see.',
};

const askItSupport: DecisionNode = {
  kind: 'escalation',
  id: 'it-support',
  to: 'it-support',
  text: 'Send the report to IT support: the checks this computer can run found nothing wrong.',
};

const farmQuestion: DecisionNode = {
  kind: 'question',
  id: 'load-balanced',
  text: 'Does the site run on more than one server behind one name (a load balancer)?',
  answers: [
    {
      id: 'yes',
      label: 'Yes',
      next: {
        kind: 'check',
        id: 'farm',
        what: 'Whether every server behind the name decrypts tickets with the same account',
        probes: ['spn:registrations', 'iis:application'],
        next: [finding('farm-shared-name')],
      },
    },
    { id: 'no', label: 'No, one server', next: askServerAdmin },
  ],
};

/** Browsing the site on the web server itself: the loopback check first, then how IIS is set up. */
const onTheServerBranch: DecisionNode = {
  kind: 'check',
  id: 'on-server',
  what: 'Whether Windows blocks the server from signing in to itself under another name',
  probes: ['loopback:check'],
  next: [finding('loopback-check'), iisBranch, askServerAdmin],
};

/** The answer that says the browser that fails runs on the web server itself (reference §7.1). */
export const onTheServerAnswerId = 'on-the-server';

/**
 * "Does it fail on a PC, or only on the web server itself?", asked under every symptom where
 * causes.md's loopback-check can be what the person sees: three prompts, a 401.1, and IT's
 * check-everything. One id per place (a node id means one node), one answer id for "on the
 * server itself", which the loopback rule reads through `saysItFailsOnTheServer`.
 */
function whereItFails(id: string, text: string, onAPc: DecisionNode): DecisionNode {
  return {
    kind: 'question',
    id,
    text,
    answers: [
      { id: 'on-a-pc', label: 'On my PC (or on other people’s PCs)', next: onAPc },
      {
        id: onTheServerAnswerId,
        label: 'Only when I open the site on the web server itself',
        next: onTheServerBranch,
      },
    ],
  };
}

/** What a PC that cannot sign in does differently (the person runs IWA Doctor on that PC). */
const failingPcBranch: DecisionNode = {
  kind: 'check',
  id: 'failing-pc',
  what: 'What this PC does differently: its zones, its browsers, its proxy and saved passwords, its Kerberos client',
  probes: [],
  next: [zoneBranch, browserBranch, workstationNetworkBranch, kerberosClientBranch, askItSupport],
};

export const decisionTree: Readonly<Record<SymptomId, DecisionNode>> = {
  'prompt-once-per-session': {
    kind: 'check',
    id: 'prompt-once',
    what: 'The settings on this computer that decide whether the browser signs you in without asking',
    probes: [],
    next: [
      zoneBranch,
      browserBranch,
      workstationNetworkBranch,
      {
        kind: 'question',
        id: 'prompt-once-other-sites',
        text: 'Do other intranet sites sign you in without asking?',
        answers: [
          { id: 'only-this-site', label: 'Yes, only this site asks', next: liveSignInBranch },
          { id: 'all-sites', label: 'No, they all ask', next: kerberosClientBranch },
        ],
      },
      askItSupport,
    ],
  },
  'prompt-three-times': whereItFails('where-it-fails', 'Where does the password box keep coming back?', {
    kind: 'check',
    id: 'prompt-three',
    what: 'Whether Kerberos can work for this site at all: the service name, the account behind it, the server settings',
    probes: [],
    next: [
      zoneBranch,
      browserBranch,
      kerberosClientBranch,
      liveSignInBranch,
      spnBranch,
      iisBranch,
      askServerAdmin,
    ],
  }),
  'http-401': {
    kind: 'question',
    id: 'which-401',
    text: 'Which number does the page show?',
    answers: [
      {
        id: '401-1',
        label: '401.1 (logon failed)',
        next: whereItFails('where-401-1-shows', 'Where does the page show 401.1?', {
          kind: 'check',
          id: 'http-401-1',
          what: 'Why the server could not accept the sign-in',
          probes: [],
          next: [browserBranch, spnBranch, iisBranch, liveSignInBranch, farmQuestion],
        }),
      },
      {
        id: '401-2',
        label: '401.2 (server configuration)',
        next: {
          kind: 'check',
          id: 'http-401-2',
          what: 'Whether the server offers Windows sign-in at all',
          probes: [],
          next: [iisBranch, liveSignInBranch, askServerAdmin],
        },
      },
      // A 401 seen only in a log or a trace, while the page opens, is the normal first leg
      // (causes.md challenge-normal): the live sign-in shows the whole exchange.
      {
        id: 'only-in-a-trace',
        label: 'A 401 only in a log or network trace; the page itself opens',
        next: liveSignInBranch,
      },
    ],
  },
  'http-400': {
    kind: 'check',
    id: 'http-400',
    what: 'Whether your sign-in ticket is bigger than the web server accepts',
    probes: ['live-sign-in', 'httpsys:limits'],
    next: [finding('kerberos-token-too-large'), askServerAdmin],
  },
  'works-for-me-not-others': {
    kind: 'question',
    id: 'running-where',
    text: 'Where are you running IWA Doctor now?',
    answers: [
      {
        id: 'on-a-failing-pc',
        label: 'On the PC of someone for whom it fails',
        next: failingPcBranch,
      },
      {
        id: 'on-my-working-pc',
        label: 'On my own PC, where it works',
        next: {
          kind: 'check',
          id: 'works-for-me',
          what: 'What differs between people on the server side: the size of their tickets, which server behind the name answers them',
          probes: [],
          next: [
            {
              kind: 'check',
              id: 'ticket-size',
              what: 'Whether some people’s tickets are too big for the server',
              probes: ['live-sign-in', 'httpsys:limits'],
              next: [finding('kerberos-token-too-large')],
            },
            farmQuestion,
          ],
        },
      },
    ],
  },
  'works-on-server-only': {
    kind: 'question',
    id: 'other-pcs',
    text: 'Can other people sign in from their PCs?',
    answers: [
      {
        id: 'only-my-pc-fails',
        label: 'Yes: it fails only on my PC (or a few)',
        next: failingPcBranch,
      },
      {
        id: 'every-pc-fails',
        label: 'No: it fails on every PC, only the server itself gets in',
        next: {
          kind: 'check',
          id: 'every-pc',
          what: 'Why PCs cannot sign in with Kerberos while the server itself can: the service name, the account behind it, the server settings',
          probes: [],
          next: [liveSignInBranch, spnBranch, iisBranch, askServerAdmin],
        },
      },
    ],
  },
  'check-everything': {
    kind: 'check',
    id: 'everything',
    what: 'Everything IWA Doctor can check, on this computer, the network and the server',
    probes: [...plannedProbeIds],
    next: [
      zoneBranch,
      browserBranch,
      workstationNetworkBranch,
      kerberosClientBranch,
      liveSignInBranch,
      spnBranch,
      iisBranch,
      {
        kind: 'check',
        id: 'server-limits',
        what: 'Whether some people’s tickets are too big for the server',
        probes: ['httpsys:limits'],
        next: [finding('kerberos-token-too-large')],
      },
      whereItFails(
        'where-it-fails-for-it',
        'Does it fail on a PC, or only when the site is opened on the web server itself?',
        askItSupport,
      ),
      farmQuestion,
      askItSupport,
    ],
  },
};

/** Every node under (and including) `node`, depth first. */
export function* walkDecisionTree(node: DecisionNode): Generator<DecisionNode> {
  yield node;
  if (node.kind === 'check') for (const child of node.next) yield* walkDecisionTree(child);
  if (node.kind === 'question') for (const answer of node.answers) yield* walkDecisionTree(answer.next);
}

/**
 * The nodes the person's answers lead to, depth first: an answered question is followed only
 * through the chosen answer; an unanswered one ("I do not know") through every answer.
 */
export function* walkAnsweredTree(node: DecisionNode, answers: DecisionAnswers): Generator<DecisionNode> {
  yield node;
  if (node.kind === 'check') for (const child of node.next) yield* walkAnsweredTree(child, answers);
  if (node.kind === 'question') {
    const chosen = node.answers.find((answer) => answer.id === answers[node.id]);
    for (const answer of chosen ? [chosen] : node.answers) yield* walkAnsweredTree(answer.next, answers);
  }
}

/** The probes worth running for a symptom and the answers given, in the order the tree meets them, each once. */
export function probesForTarget(
  symptom: SymptomId,
  answers: DecisionAnswers = {},
): readonly PlannedProbeId[] {
  const ids = new Set<PlannedProbeId>();
  for (const node of walkAnsweredTree(decisionTree[symptom], answers))
    if (node.kind === 'check') for (const id of node.probes) ids.add(id);
  return [...ids];
}

/** The probes worth running for a symptom when nothing else is known (every branch). */
export function probesForSymptom(symptom: SymptomId): readonly PlannedProbeId[] {
  return probesForTarget(symptom, {});
}

/** The causes a symptom can lead to with these answers (every branch of an unanswered question). */
export function causesForTarget(symptom: SymptomId, answers: DecisionAnswers = {}): readonly CauseId[] {
  const ids = new Set<CauseId>();
  for (const node of walkAnsweredTree(decisionTree[symptom], answers))
    if (node.kind === 'finding') ids.add(node.cause);
  return [...ids];
}

/** The causes a symptom can lead to, whatever the answers. */
export function causesForSymptom(symptom: SymptomId): readonly CauseId[] {
  return causesForTarget(symptom, {});
}

/** A question of the tree as the start page asks it. */
export interface AskedQuestion {
  readonly id: string;
  readonly text: string;
  readonly answers: readonly { readonly id: string; readonly label: string }[];
}

/**
 * The questions to ask for a symptom, given the answers so far: every question the answers
 * lead to, in tree order (a question under an answer the person did not choose is not asked).
 */
export function questionsToAsk(symptom: SymptomId, answers: DecisionAnswers = {}): readonly AskedQuestion[] {
  const asked: AskedQuestion[] = [];
  for (const node of walkAnsweredTree(decisionTree[symptom], answers)) {
    if (node.kind !== 'question' || asked.some((question) => question.id === node.id)) continue;
    asked.push({
      id: node.id,
      text: node.text,
      answers: node.answers.map(({ id, label }) => ({ id, label })),
    });
  }
  return asked;
}

/** Only the answers to questions the symptom's tree asks, given the other answers (stale ones dropped). */
export function answersForSymptom(symptom: SymptomId, answers: DecisionAnswers): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const question of questionsToAsk(symptom, answers)) {
    const answer = answers[question.id];
    if (answer !== undefined && question.answers.some((choice) => choice.id === answer))
      kept[question.id] = answer;
  }
  return kept;
}

/** Every question of the whole tree by id, with its answer ids (for validating what a request carries). */
export function questionAnswerIds(): ReadonlyMap<string, readonly string[]> {
  const byId = new Map<string, readonly string[]>();
  for (const root of Object.values(decisionTree))
    for (const node of walkDecisionTree(root))
      if (node.kind === 'question')
        byId.set(
          node.id,
          node.answers.map((answer) => answer.id),
        );
  return byId;
}

export interface FollowUpQuestion {
  readonly id: string;
  readonly text: string;
  /** Each answer, and what it leads to in words. */
  readonly answers: readonly { readonly label: string; readonly leadsTo: string }[];
}

function describeNode(node: DecisionNode): string {
  switch (node.kind) {
    case 'check':
      return node.what;
    case 'question':
      return node.text;
    case 'finding':
      return node.cause;
    case 'escalation':
      return node.text;
  }
}

/** The questions worth asking for a symptom (shown when the checks alone did not decide). */
export function questionsForSymptom(symptom: SymptomId): readonly FollowUpQuestion[] {
  const seen = new Set<string>();
  const questions: FollowUpQuestion[] = [];
  for (const node of walkDecisionTree(decisionTree[symptom])) {
    if (node.kind !== 'question' || seen.has(node.id)) continue;
    seen.add(node.id);
    questions.push({
      id: node.id,
      text: node.text,
      answers: node.answers.map((answer) => ({ label: answer.label, leadsTo: describeNode(answer.next) })),
    });
  }
  return questions;
}

/** Where the tree sends a symptom when no cause is found. */
export function escalationsForSymptom(
  symptom: SymptomId,
): readonly Extract<DecisionNode, { kind: 'escalation' }>[] {
  const byId = new Map<string, Extract<DecisionNode, { kind: 'escalation' }>>();
  for (const node of walkDecisionTree(decisionTree[symptom]))
    if (node.kind === 'escalation') byId.set(node.id, node);
  return [...byId.values()];
}

/**
 * Whether the person said the browser that fails runs on the web server itself, in answer to any
 * of the tree's "where does it fail?" questions.
 */
export function saysItFailsOnTheServer(answers: DecisionAnswers): boolean {
  for (const [question, answerIds] of questionAnswerIds())
    if (answerIds.includes(onTheServerAnswerId) && answers[question] === onTheServerAnswerId) return true;
  return false;
}
