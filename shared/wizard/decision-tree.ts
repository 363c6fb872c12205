/**
 * The symptom-first decision tree, as data (issue 7, "Decision tree"): for each thing a
 * person can report, the checks worth running first, the questions worth asking, and where
 * each path ends — a finding (a cause from the catalog) or an escalation to someone who can
 * look further. Modelled on Microsoft's guided troubleshooters: condition -> action -> coded
 * result. The engine plans its probes from it (`probesFor`); the wizard shows its questions
 * when the checks found nothing. A test (decision-tree.test.ts) proves that every cause is
 * reachable, that no branch is a dead end and that every leaf is a finding or an escalation.
 *
 * Probe ids are `area:what` (electron/engine/probe.ts). Ids that no probe implements yet are
 * kept on purpose: the engine reports them as "not available in this version" and runs the rest.
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
  readonly label: string;
  readonly next: DecisionNode;
}

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
      label: 'Yes',
      next: {
        kind: 'check',
        id: 'farm',
        what: 'Whether every server behind the name decrypts tickets with the same account',
        probes: ['spn:registrations', 'iis:application'],
        next: [finding('farm-shared-name')],
      },
    },
    { label: 'No, or I do not know', next: askServerAdmin },
  ],
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
          { label: 'Yes, only this site asks', next: liveSignInBranch },
          { label: 'No, they all ask', next: kerberosClientBranch },
          { label: 'I do not know', next: askItSupport },
        ],
      },
    ],
  },
  'prompt-three-times': {
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
  },
  'http-401': {
    kind: 'question',
    id: 'which-401',
    text: 'Which number does the page show?',
    answers: [
      {
        label: '401.1 (logon failed)',
        next: {
          kind: 'check',
          id: 'http-401-1',
          what: 'Why the server could not accept the sign-in',
          probes: [],
          next: [browserBranch, spnBranch, iisBranch, liveSignInBranch, farmQuestion],
        },
      },
      {
        label: '401.2 (server configuration)',
        next: {
          kind: 'check',
          id: 'http-401-2',
          what: 'Whether the server offers Windows sign-in at all',
          probes: [],
          next: [iisBranch, liveSignInBranch, askServerAdmin],
        },
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
    kind: 'check',
    id: 'works-for-me',
    what: 'What differs between people: the browser, the account type, saved passwords, the ticket size',
    probes: [],
    next: [
      zoneBranch,
      browserBranch,
      workstationNetworkBranch,
      {
        kind: 'check',
        id: 'ticket-size',
        what: 'Whether some people’s tickets are too big for the server',
        probes: ['httpsys:limits'],
        next: [finding('kerberos-token-too-large')],
      },
      farmQuestion,
    ],
  },
  'works-on-server-only': {
    kind: 'question',
    id: 'on-the-server',
    text: 'Where does it work?',
    answers: [
      {
        label: 'On the web server itself, but not from my PC',
        next: {
          kind: 'check',
          id: 'from-my-pc',
          what: 'What this PC does differently from the server',
          probes: [],
          next: [
            zoneBranch,
            browserBranch,
            workstationNetworkBranch,
            kerberosClientBranch,
            liveSignInBranch,
            spnBranch,
          ],
        },
      },
      {
        label: 'From my PC, but not on the web server itself',
        next: {
          kind: 'check',
          id: 'on-server',
          what: 'Whether Windows blocks the server from signing in to itself under another name',
          probes: ['loopback:check'],
          next: [finding('loopback-check'), askServerAdmin],
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
        what: 'Server limits and the loopback check',
        probes: ['httpsys:limits', 'loopback:check'],
        next: [finding('kerberos-token-too-large'), finding('loopback-check')],
      },
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

/** The probes worth running for a symptom, in the order the tree meets them, each once. */
export function probesForSymptom(symptom: SymptomId): readonly PlannedProbeId[] {
  const ids = new Set<PlannedProbeId>();
  for (const node of walkDecisionTree(decisionTree[symptom]))
    if (node.kind === 'check') for (const id of node.probes) ids.add(id);
  return [...ids];
}

/** The causes a symptom can lead to. */
export function causesForSymptom(symptom: SymptomId): readonly CauseId[] {
  const ids = new Set<CauseId>();
  for (const node of walkDecisionTree(decisionTree[symptom]))
    if (node.kind === 'finding') ids.add(node.cause);
  return [...ids];
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
