import { describe, expect, it } from 'vitest';
import type { ProjectStatus, Role, WorkflowActor } from '@touyan/schemas';
import { actorOf } from '../../core/policy.fixtures';
import {
  declarableCampaignScope,
  projectPolicy,
  projectTeamScope,
  type ProjectAction,
  type ProjectFacts,
} from './projects.policy';

const facts = (status: ProjectStatus, as: WorkflowActor[], team: boolean): ProjectFacts => ({ status, as, team });

describe('project scopes', () => {
  it('makes secretaries and members the team, never the administrator', () => {
    expect(projectTeamScope(actorOf('member'))).toEqual({ all: false, orgIds: ['org_a'] });
    expect(projectTeamScope(actorOf('secretary'))).toEqual({ all: false, orgIds: ['org_a'] });
    expect(projectTeamScope(actorOf('staff'))).toEqual({ all: false, orgIds: [] });
    expect(projectTeamScope(actorOf('admin'))).toEqual({ all: false, orgIds: [] });
  });
  it('lets the administrator declare in any campaign, a secretary in those of their organisations', () => {
    expect(declarableCampaignScope(actorOf('admin'))).toEqual({ all: true });
    expect(declarableCampaignScope(actorOf('secretary'))).toEqual({ all: false, orgIds: ['org_a'] });
    expect(declarableCampaignScope(actorOf('staff'))).toEqual({ all: false, orgIds: [] });
  });
});

describe('project abilities besides workflow events: role × status × standing', () => {
  const table: [Role, ProjectFacts, ProjectAction[]][] = [
    ['secretary', facts('draft', ['secretary'], true), ['update']],
    ['secretary', facts('returned', ['secretary'], true), ['update']],
    ['secretary', facts('submitted', ['secretary'], true), []],
    ['secretary', facts('approved', ['secretary'], true), ['progress', 'report']],
    ['secretary', facts('completed', ['secretary'], true), []],
    ['member', facts('approved', [], true), ['progress']],
    ['member', facts('approved', [], false), []],
    ['member', facts('draft', [], true), []],
    ['staff', facts('approved', ['staff'], false), ['rate', 'supervise']],
    ['staff', facts('submitted', ['staff'], false), []],
    ['staff', facts('approved', [], false), []],
    ['admin', facts('approved', ['staff'], false), ['rate', 'supervise']],
    ['admin', facts('draft', ['staff'], false), []],
    ['judge', facts('approved', [], false), []],
  ];
  it.each(table)('%s on %j may %j', (role, p, expected) => {
    expect(projectPolicy.abilities(actorOf(role), p)).toEqual(expected);
  });
});
